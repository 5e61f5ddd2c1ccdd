"""Records: `class X(Record)` is a typing.NamedTuple, defined at a fraction of its cost.

A command defines some fifty record classes as it imports its modules, and
typing.NamedTuple takes about 200 microseconds for each: it compiles a
`__new__` for the class with eval, checks every annotation and writes a doc for
every field. That was a tenth of a `diff`'s own time. A Record class is the
same kind of object, a tuple subclass with a getter per field, `_fields`,
`_field_defaults`, `_make`, `_replace`, `_asdict`, the same repr, equality and
pickling, made without compiling anything. Built by position, it needs nothing
compiled; the first time a class is built by name, it compiles the `__new__`
NamedTuple would have (most classes of a run never are).

To the type checker, Record is typing.NamedTuple itself, and checked as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    try:
        from _collections import _tuplegetter  # what collections.namedtuple uses
    except ImportError:  # another Python implementation
        from operator import itemgetter

        def _tuplegetter(index: int, doc: str) -> Any:
            return property(itemgetter(index), doc=doc)

    _tuple_new = tuple.__new__

    def _record_new(fields: tuple[str, ...], defaults: tuple[Any, ...]) -> Any:
        count, required = len(fields), len(fields) - len(defaults)

        def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
            given = len(args)
            if not kwargs:
                if given == count:
                    return _tuple_new(cls, args)
                if required <= given < count:
                    return _tuple_new(cls, args + defaults[given - required :])
            # Built by name: the class's first such call compiles a __new__ that
            # takes its fields by name, as collections.namedtuple's does, for it
            # and every later call (a class built by name is often built by the
            # thousand; most classes of a run never are).
            compiled = _compiled_new(fields, defaults)
            cls.__new__ = staticmethod(compiled)
            return compiled(cls, *args, **kwargs)

        return __new__

    def _compiled_new(fields: tuple[str, ...], defaults: tuple[Any, ...]) -> Any:
        names = ", ".join(fields)  # identifiers: the class's own annotations
        code = f"lambda _cls, {names}: _tuple_new(_cls, ({names},))"
        made = eval(code, {"_tuple_new": _tuple_new, "__builtins__": {}})
        made.__defaults__ = defaults or None
        return made

    def _make(cls: type, iterable: Any) -> Any:
        found = _tuple_new(cls, iterable)
        fields = cls._fields
        if len(found) != len(fields):
            raise TypeError(f"expected {len(fields)} arguments, got {len(found)}")
        return found

    def _replace(self: Any, /, **changes: Any) -> Any:
        found = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"got unexpected field names: {list(changes)!r}")
        return found

    def _asdict(self: Any) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self: Any) -> str:
        named = zip(self._fields, self, strict=True)
        pairs = ", ".join(f"{name}={value!r}" for name, value in named)
        return f"{self.__class__.__name__}({pairs})"

    def __getnewargs__(self: Any) -> tuple[Any, ...]:
        return tuple(self)

    class _RecordMeta(type):
        def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
            if not bases:  # Record itself
                return super().__new__(mcls, name, bases, namespace)
            if bases != (Record,):
                raise TypeError("a Record class derives from Record alone")
            fields = tuple(namespace.get("__annotations__", {}))
            defaults: list[Any] = []
            for field in fields:
                if field in namespace:
                    defaults.append(namespace.pop(field))
                elif defaults:
                    raise TypeError(f"{name}: field {field!r} without a default follows one with")
            required = len(fields) - len(defaults)
            body = {
                "__slots__": (),
                "_fields": fields,
                "_field_defaults": dict(zip(fields[required:], defaults, strict=True)),
                "__match_args__": fields,
                "__new__": _record_new(fields, tuple(defaults)),
                "_make": classmethod(_make),
                "_replace": _replace,
                "_asdict": _asdict,
                "__repr__": __repr__,
                "__getnewargs__": __getnewargs__,
            }
            for index, field in enumerate(fields):
                body[field] = _tuplegetter(index, f"Alias for field number {index}")
            return type(name, (tuple,), {**body, **namespace})

    class Record(metaclass=_RecordMeta):
        """A base for NamedTuple-like records (see the module's doc)."""


__all__ = ["Record"]
