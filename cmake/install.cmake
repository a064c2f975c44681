# Installs the libraries, their headers, the CLI, a CMake package (find_package(recur CONFIG)
# with components engine, json, api and ics) and a pkg-config file (recur.pc: the engine).
include(CMakePackageConfigHelpers)

set(recur_targets recur_engine)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(RECUR_BUILD_JSON)
  list(APPEND recur_targets recur_json)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/api_adapter/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
if(RECUR_BUILD_API)
  list(APPEND recur_targets recur_api)
endif()
if(RECUR_BUILD_ICS)
  list(APPEND recur_targets recur_ics)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/ics/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
set(RECUR_CONFIG_NEEDS_LIBICAL ${RECUR_BUILD_ICS})
install(TARGETS ${recur_targets} EXPORT recurTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(RECUR_BUILD_CLI)
  install(TARGETS recur RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  if(RECUR_CLI_IS_STATIC)  # run by the static recur for network and iCalendar commands (cli/full_runtime.hpp)
    install(TARGETS recur_full RUNTIME DESTINATION ${recur_full_install_dir})
  endif()
  if(TARGET recur_ics_module)  # loaded by recur-full from LIBDIR/recur/ (cli/ics_module.cpp)
    install(TARGETS recur_ics_module LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/recur)
  endif()
endif()

set(recur_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/recur)
install(EXPORT recurTargets NAMESPACE recur:: FILE recurTargets.cmake DESTINATION ${recur_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/recurConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/recurConfig.cmake INSTALL_DESTINATION ${recur_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/recurConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/recurConfig.cmake ${PROJECT_BINARY_DIR}/recurConfigVersion.cmake
        DESTINATION ${recur_cmake_dir})

# Relocatable: the prefix is found from where recur.pc lies (cmake --install --prefix works).
set(recur_pc_prefix "\${pcfiledir}")
string(REPLACE "/" ";" recur_pc_depth "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
foreach(unused IN LISTS recur_pc_depth)
  string(APPEND recur_pc_prefix "/..")
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/recur.pc.in ${PROJECT_BINARY_DIR}/recur.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/recur.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
