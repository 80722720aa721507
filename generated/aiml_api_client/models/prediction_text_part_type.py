from enum import StrEnum


class PredictionTextPartType(StrEnum):
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "PredictionTextPartType | None":
        # Tolerant reader (aiml-chat template): a value this spec does not list, such as a
        # provider's new finish_reason, becomes an unnamed member instead of raising ValueError.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
