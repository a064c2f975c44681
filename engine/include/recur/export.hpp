/// @file
/// recur/export.hpp: what recur's libraries export.
///
/// recur's libraries are built with hidden symbols (-fvisibility=hidden), static or shared
/// (BUILD_SHARED_LIBS): a shared library exports exactly the declarations marked
/// RECUR_EXPORT in the public headers, and nothing of recur::detail or the sources. GCC and
/// Clang (recur's compilers) spell it with the visibility attribute.
#pragma once

#define RECUR_EXPORT __attribute__((visibility("default")))
