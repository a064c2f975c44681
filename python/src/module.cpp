// recur._recur: the module, and how recur's one exception type reaches Python.
#include "bindings.hpp"

#include "recur/result.hpp"

namespace py = pybind11;

namespace {

// recur_error as the Python exception of its stable code (recur/_errors.py maps codes to
// classes), so Python code can catch recur.ParseError, recur.ZoneError, ...
void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const recur::recur_error& e) {
    py::object error = py::module_::import("recur._errors").attr("error_for")(to_string(e.err().code), e.err().message);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  }
}

}  // namespace

PYBIND11_MODULE(_recur, m) {
  m.doc() = "recur's engine in epoch milliseconds; use the recur package, which wraps it in datetime";
  py::register_exception_translator(&translate);
  recur::python::bind_series(m);
  recur::python::bind_schedule(m);
}
