// The extension module recur._recur: the C++ engine in epoch milliseconds and strings. The
// Python package (python/recur/) turns them into datetime, zoneinfo and exceptions.
// Every function releases the GIL while the engine works; objects are immutable values, so any
// number of threads may use them at once.
#pragma once

#include <pybind11/pybind11.h>

namespace recur::python {

void bind_series(pybind11::module_& m);    // Series, its iterator, instance ids
void bind_schedule(pybind11::module_& m);  // reconcile, conflicts, free/busy

}  // namespace recur::python
