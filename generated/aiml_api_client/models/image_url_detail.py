from enum import StrEnum


class ImageUrlDetail(StrEnum):
    AUTO = "auto"
    HIGH = "high"
    LOW = "low"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ImageUrlDetail | None":
        # Tolerant reader (aiml-chat template): a value this spec does not list, such as a
        # provider's new finish_reason, becomes an unnamed member instead of raising ValueError.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
