# Generated from openapi.json by `nox -s generate` (tools/spec_params.py): do not edit by hand.
"""The yes/no check of a request body against the spec's request schema (`valid`), as code.

Written by `_checkgen.render` from the tree in `_request_schema.py`: `_validation` runs `valid` on
every request and walks the schema for the error only when it answers no.
"""

from collections.abc import Mapping
from typing import Any

from aiml_chat._formats import FORMAT_CHECKS, SCALARS
from aiml_chat._formats import any_value as _any
from aiml_chat.files import FileData


def _c1(v: Any) -> bool:
    if v is None:
        return False
    if not (isinstance(v, SCALARS) and v in _K0):
        return False
    return True


def _c6(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is str or isinstance(v, (str, FileData))):
        return False
    return True


def _c9(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "text" not in v:
        return False
    for key, item in v.items():
        if key == "text":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c11(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "url" not in v:
        return False
    for key, item in v.items():
        if key == "url":
            if not (
                item is not None
                and (type(item) is str or isinstance(item, (str, FileData)))
                and FORMAT_CHECKS.get("uri", _any)(item)
            ):
                return False
        elif key == "detail":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K1)):
                return False
    return True


def _c10(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "image_url" not in v:
        return False
    for key, item in v.items():
        if key == "image_url":
            if not _c11(item):
                return False
    return True


def _c13(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "file_data" not in v:
        return False
    for key, item in v.items():
        if key == "file_data":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "filename":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c12(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "file" not in v:
        return False
    for key, item in v.items():
        if key == "file":
            if not _c13(item):
                return False
    return True


def _c14(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "text" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K2)):
                return False
        elif key == "text":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c15(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "image_url" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K3)):
                return False
        elif key == "image_url":
            if not _c11(item):
                return False
    return True


def _c16(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "file" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K4)):
                return False
        elif key == "file":
            if not _c13(item):
                return False
    return True


def _c8(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if (t is dict or (t is not str and isinstance(v, Mapping))) and "type" in v:
        tag = v["type"]
        if not isinstance(tag, str):
            return False
        if tag == "text":
            if not _c9(v):
                return False
        elif tag == "image_url":
            if not _c10(v):
                return False
        elif tag == "file":
            if not _c12(v):
                return False
        else:
            return False
    else:
        if not (_c14(v) or _c15(v) or _c16(v)):
            return False
    return True


def _c7(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not _c8(item):
            return False
    return True


def _c5(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if t is str:
        pass
    else:
        if not (_c6(v) or _c7(v)):
            return False
    return True


def _c4(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v or "content" not in v:
        return False
    for key, item in v.items():
        if key == "content":
            if not (type(item) is str or _c5(item)):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c19(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not _c14(item):
            return False
    return True


def _c18(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if t is str:
        pass
    else:
        if not (_c6(v) or _c19(v)):
            return False
    return True


def _c17(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v or "content" not in v:
        return False
    for key, item in v.items():
        if key == "content":
            if not (type(item) is str or _c18(item)):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif True and key != "role":
            return False
    return True


def _c20(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v or "content" not in v or "tool_call_id" not in v:
        return False
    for key, item in v.items():
        if key == "content":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "tool_call_id":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "name":
            if not (item is None or (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif True and key != "role":
            return False
    return True


def _c23(v: Any) -> bool:
    if v is None:
        return True
    if not (type(v) is str or isinstance(v, (str, FileData))):
        return False
    return True


def _c26(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "refusal" not in v or "type" not in v:
        return False
    for key, item in v.items():
        if key == "refusal":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c27(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "refusal" not in v or "type" not in v:
        return False
    for key, item in v.items():
        if key == "refusal":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K5)):
                return False
    return True


def _c25(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if (t is dict or (t is not str and isinstance(v, Mapping))) and "type" in v:
        tag = v["type"]
        if not isinstance(tag, str):
            return False
        if tag == "text":
            if not _c9(v):
                return False
        elif tag == "refusal":
            if not _c26(v):
                return False
        else:
            return False
    else:
        if not (_c14(v) or _c27(v)):
            return False
    return True


def _c24(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not _c25(item):
            return False
    return True


def _c22(v: Any) -> bool:
    if v is None:
        return True
    t = type(v)
    if True:
        if not (_c23(v) or _c24(v)):
            return False
    return True


def _c30(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "name" not in v or "arguments" not in v:
        return False
    for key, item in v.items():
        if key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "arguments":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c29(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "id" not in v or "type" not in v or "function" not in v:
        return False
    for key, item in v.items():
        if key == "id":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K6)):
                return False
        elif key == "function":
            if not _c30(item):
                return False
    return True


def _c28(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not _c29(item):
            return False
    return True


def _c21(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v:
        return False
    for key, item in v.items():
        if key == "content":
            if not _c22(item):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "tool_calls":
            if not _c28(item):
                return False
        elif key == "refusal":
            if not (item is None or (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c31(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v or "content" not in v:
        return False
    for key, item in v.items():
        if key == "role":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K7)):
                return False
        elif key == "content":
            if not (type(item) is str or _c5(item)):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c32(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v or "content" not in v:
        return False
    for key, item in v.items():
        if key == "role":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K8)):
                return False
        elif key == "content":
            if not (type(item) is str or _c18(item)):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif True:
            return False
    return True


def _c33(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v or "content" not in v or "tool_call_id" not in v:
        return False
    for key, item in v.items():
        if key == "role":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K9)):
                return False
        elif key == "content":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "tool_call_id":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "name":
            if not (item is None or (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif True:
            return False
    return True


def _c34(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "role" not in v:
        return False
    for key, item in v.items():
        if key == "role":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K10)):
                return False
        elif key == "content":
            if not _c22(item):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "tool_calls":
            if not _c28(item):
                return False
        elif key == "refusal":
            if not (item is None or (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c3(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if (t is dict or (t is not str and isinstance(v, Mapping))) and "role" in v:
        tag = v["role"]
        if not isinstance(tag, str):
            return False
        if tag == "user":
            if not _c4(v):
                return False
        elif tag == "system":
            if not _c17(v):
                return False
        elif tag == "tool":
            if not _c20(v):
                return False
        elif tag == "assistant":
            if not _c21(v):
                return False
        else:
            return False
    else:
        if not (_c31(v) or _c32(v) or _c33(v) or _c34(v)):
            return False
    return True


def _c2(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    if len(v) < 1:
        return False
    for item in v:
        if not _c3(item):
            return False
    return True


def _c35(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is int or (isinstance(v, int) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (1 <= v)):
        return False
    return True


def _c36(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is int or (isinstance(v, int) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (1 <= v)):
        return False
    return True


def _c37(v: Any) -> bool:
    if v is None:
        return False
    if not (v is True or v is False):
        return False
    return True


def _c38(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "include_usage" not in v:
        return False
    for key, item in v.items():
        if key == "include_usage":
            if not (item is not None and (item is True or item is False)):
                return False
    return True


def _c39(v: Any) -> bool:
    if v is None:
        return True
    if not (type(v) is int or (isinstance(v, int) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (1 <= v)):
        return False
    return True


def _c40(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is float or type(v) is int or (isinstance(v, (int, float)) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (0 <= v and v <= 2)):
        return False
    return True


def _c41(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is float or type(v) is int or (isinstance(v, (int, float)) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (0.01 <= v and v <= 1)):
        return False
    return True


def _c43(v: Any) -> bool:
    if v is None:
        return True
    if not (type(v) is str or isinstance(v, (str, FileData))):
        return False
    return True


def _c44(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
            return False
    return True


def _c42(v: Any) -> bool:
    if v is None:
        return True
    t = type(v)
    if True:
        if not (_c43(v) or _c44(v)):
            return False
    return True


def _c45(v: Any) -> bool:
    if v is None:
        return True
    if not (type(v) is float or type(v) is int or (isinstance(v, (int, float)) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (-2 <= v and v <= 2)):
        return False
    return True


def _c48(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is str or isinstance(v, (str, FileData))):
        return False
    return True


def _c49(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not _c14(item):
            return False
    return True


def _c47(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if t is str:
        pass
    else:
        if not (_c48(v) or _c49(v)):
            return False
    return True


def _c46(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "content" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K11)):
                return False
        elif key == "content":
            if not (type(item) is str or _c47(item)):
                return False
    return True


def _c50(v: Any) -> bool:
    if v is None:
        return True
    if not (type(v) is float or type(v) is int or (isinstance(v, (int, float)) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (-2 <= v and v <= 2)):
        return False
    return True


def _c51(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is int or (isinstance(v, int) and not isinstance(v, bool))):
        return False
    if not (not isinstance(v, (int, float)) or isinstance(v, bool) or (1 <= v)):
        return False
    return True


def _c53(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v:
        return False
    for key, item in v.items():
        if True and key != "type":
            return False
    return True


def _c54(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v:
        return False
    for key, item in v.items():
        if True and key != "type":
            return False
    return True


def _c57(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    return True


def _c56(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "name" not in v:
        return False
    for key, item in v.items():
        if key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "schema":
            if not _c57(item):
                return False
        elif key == "strict":
            if not (item is None or (item is True or item is False)):
                return False
        elif key == "description":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif True:
            return False
    return True


def _c55(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "json_schema" not in v:
        return False
    for key, item in v.items():
        if key == "json_schema":
            if not _c56(item):
                return False
        elif True and key != "type":
            return False
    return True


def _c58(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K12)):
                return False
        elif True:
            return False
    return True


def _c59(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K13)):
                return False
        elif True:
            return False
    return True


def _c60(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "json_schema" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K14)):
                return False
        elif key == "json_schema":
            if not _c56(item):
                return False
        elif True:
            return False
    return True


def _c52(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if (t is dict or (t is not str and isinstance(v, Mapping))) and "type" in v:
        tag = v["type"]
        if not isinstance(tag, str):
            return False
        if tag == "text":
            if not _c53(v):
                return False
        elif tag == "json_object":
            if not _c54(v):
                return False
        elif tag == "json_schema":
            if not _c55(v):
                return False
        else:
            return False
    else:
        if not (_c58(v) or _c59(v) or _c60(v)):
            return False
    return True


def _c64(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    return True


def _c63(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "name" not in v:
        return False
    for key, item in v.items():
        if key == "description":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
        elif key == "parameters":
            if not _c64(item):
                return False
        elif key == "strict":
            if not (item is None or (item is True or item is False)):
                return False
        elif True:
            return False
    return True


def _c62(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "function" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K15)):
                return False
        elif key == "function":
            if not _c63(item):
                return False
        elif True:
            return False
    return True


def _c61(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is list or isinstance(v, (list, tuple))):
        return False
    for item in v:
        if not _c62(item):
            return False
    return True


def _c66(v: Any) -> bool:
    if v is None:
        return False
    if not (isinstance(v, SCALARS) and v in _K16):
        return False
    return True


def _c68(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "name" not in v:
        return False
    for key, item in v.items():
        if key == "name":
            if not (item is not None and (type(item) is str or isinstance(item, (str, FileData)))):
                return False
    return True


def _c67(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "type" not in v or "function" not in v:
        return False
    for key, item in v.items():
        if key == "type":
            if not (item is not None and (isinstance(item, SCALARS) and item in _K17)):
                return False
        elif key == "function":
            if not _c68(item):
                return False
    return True


def _c65(v: Any) -> bool:
    if v is None:
        return False
    t = type(v)
    if True:
        if not (_c66(v) or _c67(v)):
            return False
    return True


def _c69(v: Any) -> bool:
    if v is None:
        return False
    if not (v is True or v is False):
        return False
    return True


def _c70(v: Any) -> bool:
    if v is None:
        return False
    if not (isinstance(v, SCALARS) and v in _K18):
        return False
    return True


def _c0(v: Any) -> bool:
    if v is None:
        return False
    if not (type(v) is dict or isinstance(v, Mapping)):
        return False
    if "model" not in v or "messages" not in v:
        return False
    for key, item in v.items():
        check = _K19.get(key)
        if check is not None:
            if not check(item):
                return False
    return True


_K0 = frozenset(["google/gemini-2.5-flash-lite-preview"])

_K1 = frozenset(["auto", "high", "low"])

_K2 = frozenset(["text"])

_K3 = frozenset(["image_url"])

_K4 = frozenset(["file"])

_K5 = frozenset(["refusal"])

_K6 = frozenset(["function"])

_K7 = frozenset(["user"])

_K8 = frozenset(["system"])

_K9 = frozenset(["tool"])

_K10 = frozenset(["assistant"])

_K11 = frozenset(["content"])

_K12 = frozenset(["text"])

_K13 = frozenset(["json_object"])

_K14 = frozenset(["json_schema"])

_K15 = frozenset(["function"])

_K16 = frozenset(["auto", "none", "required"])

_K17 = frozenset(["function"])

_K18 = frozenset(["high", "low", "medium"])

_K19 = {
    "model": _c1,
    "messages": _c2,
    "max_completion_tokens": _c35,
    "max_tokens": _c36,
    "stream": _c37,
    "stream_options": _c38,
    "n": _c39,
    "temperature": _c40,
    "top_p": _c41,
    "stop": _c42,
    "frequency_penalty": _c45,
    "prediction": _c46,
    "presence_penalty": _c50,
    "seed": _c51,
    "response_format": _c52,
    "tools": _c61,
    "tool_choice": _c65,
    "parallel_tool_calls": _c69,
    "reasoning_effort": _c70,
}

valid = _c0
