"""Array helpers of the loader: per-distinct work, typed columns, frames built without copies."""

from __future__ import annotations

import numpy as np
import pandas as pd



_TYPE_OF = np.frompyfunc(type, 1, 1)


def _value_types(column: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which cells of a value column hold a number, text that is not blank, or something else (a date,
    a time, true/false). A column of numbers only, or of text only (the usual cases), is settled by one
    scan that stops at the first other type (the reader gives Python floats and ints, never numpy numbers)."""
    kind = pd.api.types.infer_dtype(column, skipna=False)
    if kind in ("floating", "integer", "mixed-integer-float"):
        return np.ones(len(column), dtype=bool), np.zeros(len(column), dtype=bool), np.zeros(len(column), dtype=bool)
    if kind == "string":
        return np.zeros(len(column), dtype=bool), _not_blank(column), np.zeros(len(column), dtype=bool)
    types = _TYPE_OF(column)
    is_num = (types == float) | (types == int)
    is_text = types == str
    is_text[is_text] = _not_blank(column[is_text])
    is_other = ~(is_num | (types == str) | (types == type(None)))  # dates, times, booleans
    return is_num, is_text, is_other


def _filled(shape, value) -> np.ndarray:
    """np.full(shape, value, dtype=object), 5× faster (every element is the same object, as with np.full)."""
    array = np.empty(shape, dtype=object)
    array.fill(value)
    return array


def _not_blank(texts: np.ndarray) -> np.ndarray:
    """Which texts hold more than white space (one strip per cell costs less than finding the distinct ones)."""
    return np.fromiter((bool(v.strip()) for v in texts), dtype=bool, count=len(texts))


def _pair_codes(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, list[tuple]]:
    """A code per row for the pair (first, second), and the distinct pairs in order of appearance."""
    a, a_uniques = _factorize(first)
    b, b_uniques = _factorize(second)
    codes, keys = pd.factorize(a.astype(np.int64) * (len(b_uniques) + 1) + b)
    pairs = [(a_uniques[k // (len(b_uniques) + 1)], b_uniques[k % (len(b_uniques) + 1)]) for k in keys]
    return codes, pairs


def _per_distinct(texts: np.ndarray, function, *more):
    """function(text) for each text of a column, computed once per distinct value (names repeat per region).
    With more functions, a tuple of such columns, from one search for the distinct values."""
    texts = np.asarray(texts, dtype=object)
    if texts.size > 1000 and isinstance(texts[0], str) and (texts == texts[0]).all():  # one text (a blank column)
        results = [_filled(texts.size, f(texts[0])) for f in (function, *more)]
    else:
        codes, uniques = _factorize(texts)
        results = [np.array([f(u) for u in uniques], dtype=object)[codes] for f in (function, *more)]
    return tuple(results) if more else results[0]


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize(values, use_na_sentinel=False) (None and NaN are values of their own): the same codes
    and uniques, by the default path (half the time) when there is no missing value, the usual case."""
    values = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(values)
    if codes.size and codes.min() < 0:
        return pd.factorize(values, use_na_sentinel=False)
    return codes, uniques


def _as_floats(values: np.ndarray) -> np.ndarray:
    try:
        return values.astype(float)
    except OverflowError:  # an integer of hundreds of digits: refused later as out of range
        return np.array([_as_float(v) for v in values], dtype=float)


def _as_float(value) -> float:
    try:
        return float(value)
    except OverflowError:
        return float("inf")


def _repeat_categorical(values: list, times: int) -> pd.Categorical:
    """[a, b] → a, a, …, b, b, … (each `times` times) as category codes."""
    codes, categories = pd.factorize(np.array(values, dtype=object))
    return pd.Categorical.from_codes(np.repeat(codes, times), categories=pd.Index(categories, dtype=object))


def _constant_categorical(value, times: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(times, dtype=np.int8), categories=pd.Index([value], dtype=object))


def _tile_categorical(values: np.ndarray, times: int) -> pd.Categorical:
    if values.size and isinstance(values[0], str) and (values == values[0]).all():  # a column the table lacks
        return pd.Categorical.from_codes(np.zeros(values.size * times, dtype=np.int8), categories=pd.Index(values[:1], dtype=object))
    codes, categories = pd.factorize(values)
    return pd.Categorical.from_codes(np.tile(codes, times), categories=pd.Index(categories, dtype=object))


def _object_frame(columns: dict) -> pd.DataFrame:
    """A frame whose text columns stay plain Python objects (no string-dtype inference: 10× faster here);
    numbers and categoricals keep their own types. The arrays are taken over, not copied (the callers
    build them for the frame and never touch them again), and not stacked into blocks (25× faster)."""
    def column(values):
        if isinstance(values, (pd.Categorical, pd.api.extensions.ExtensionArray)):
            return values
        if isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
            return pd.Series(values, copy=False)
        return pd.Series(values, dtype=object, copy=False)

    return pd.DataFrame({name: column(values) for name, values in columns.items()}, copy=False)


def _one_of(texts: np.ndarray, *words: str) -> np.ndarray:
    """np.isin(texts, words) for an object array of short strings, without sorting objects."""
    found = texts == words[0]
    for word in words[1:]:
        found |= texts == word
    return found
