# What `cmake --install` puts where, and the two Debian packages `cpack -G DEB` makes of it:
#   haul         bin/haul, the man page, the bash and zsh completions, the example scenarios;
#   libhaul-dev  the headers (include/haul/...), libhaul_core.a and the CMake package
#                (find_package(haul) gives haul::core).
include(CMakePackageConfigHelpers)

# ---- the tool (component "haul")
install(TARGETS haul RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT haul)
# Debian ships man pages compressed (policy 12.1); -n leaves out the time, so a rebuild gives the
# same bytes.
find_program(HAUL_GZIP gzip)
if(HAUL_GZIP)
  add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/haul.1.gz
    COMMAND ${HAUL_GZIP} -9nc ${CMAKE_CURRENT_BINARY_DIR}/haul.1 > ${CMAKE_CURRENT_BINARY_DIR}/haul.1.gz
    DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/haul.1)
  add_custom_target(haul_man_gz ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/haul.1.gz)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/haul.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
          COMPONENT haul)
else()
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/haul.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
          COMPONENT haul)
endif()
# Where bash-completion and Debian's zsh look for a command's completions.
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/haul.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME haul COMPONENT haul)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/_haul
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT haul)
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/configs/ DESTINATION ${HAUL_CONFIGS_INSTALL_DIR}
        COMPONENT haul FILES_MATCHING PATTERN "*.toml")

# ---- the library (component "dev")
install(TARGETS haul_core EXPORT haulTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
# Every header of the library with its folder (include/haul/input/units.hpp); src/cli is the
# command line, not the library. The headers reach each other by relative path
# ("../input/units.hpp"), so only include/ goes on a user's include path.
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/src/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/haul
        COMPONENT dev FILES_MATCHING PATTERN "*.hpp" PATTERN "cli" EXCLUDE)
# And MODEL.md section 14's flat names (<haul/units.hpp>): a forwarding header for each header
# whose name is unique among the folders (not fields.hpp, in input/ and model/, nor axes.hpp, in
# output/ and run/) and not internal (*_detail.hpp, sweep_impl.hpp).
file(GLOB HAUL_PUBLIC_HEADERS CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/src
     ${CMAKE_CURRENT_SOURCE_DIR}/src/input/*.hpp ${CMAKE_CURRENT_SOURCE_DIR}/src/model/*.hpp
     ${CMAKE_CURRENT_SOURCE_DIR}/src/plan/*.hpp ${CMAKE_CURRENT_SOURCE_DIR}/src/run/*.hpp
     ${CMAKE_CURRENT_SOURCE_DIR}/src/output/*.hpp)
set(HAUL_HEADER_NAMES)
foreach(header ${HAUL_PUBLIC_HEADERS})
  get_filename_component(name ${header} NAME)
  list(APPEND HAUL_HEADER_NAMES ${name})
endforeach()
foreach(header ${HAUL_PUBLIC_HEADERS})
  get_filename_component(name ${header} NAME)
  set(count 0)
  foreach(other ${HAUL_HEADER_NAMES})
    if(other STREQUAL name)
      math(EXPR count "${count} + 1")
    endif()
  endforeach()
  if(count EQUAL 1 AND NOT name MATCHES "_detail|_impl")
    set(forward ${CMAKE_CURRENT_BINARY_DIR}/forward/${name})
    file(WRITE ${forward}.new "// haul: <haul/${name}> is <haul/${header}> (MODEL.md section 14's flat name).\n#pragma once\n#include \"${header}\"\n")
    configure_file(${forward}.new ${forward} COPYONLY)
    install(FILES ${forward} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/haul COMPONENT dev)
  endif()
endforeach()
set(HAUL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/haul)
install(EXPORT haulTargets NAMESPACE haul:: DESTINATION ${HAUL_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/haulConfig.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/haulConfig.cmake
                              INSTALL_DESTINATION ${HAUL_CMAKE_DIR})
# 1.x works with what was built against 1.0 (semantic versioning); 2.0 may not.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/haulConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/haulConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/haulConfigVersion.cmake
        DESTINATION ${HAUL_CMAKE_DIR} COMPONENT dev)

# ---- cpack -G DEB (in the build folder): haul_VERSION-1_ARCH.deb and libhaul-dev_VERSION-1_ARCH.deb
set(HAUL_DEB_MAINTAINER "haul maintainers <maintainers@users.noreply.h-seed-23c3dcc8.example>"
    CACHE STRING "The Maintainer field of the .deb packages")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME haul)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${HAUL_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${HAUL_DEB_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL haul dev)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # NAME_VERSION-RELEASE_ARCH.deb, as Debian names them
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_HAUL_PACKAGE_NAME haul)
set(CPACK_DEBIAN_HAUL_PACKAGE_SECTION utils)
# The libraries the binary links (libstdc++, libc, and toml++, a shared library on Debian 12)
# found by dpkg-shlibdeps, as Debian's own packages compute theirs.
set(CPACK_DEBIAN_HAUL_PACKAGE_SHLIBDEPS ON)
set(CPACK_COMPONENT_HAUL_DESCRIPTION
    "ship drives or use the network? Time, cost and rented-GPU cost of moving data
haul answers whether to move a data set over the network or on shipped drives
(or a rented transfer appliance), with the time, the cost and the cost of the
rented GPUs waiting for it: side-by-side plans, sweeps over grids of scenarios,
Monte Carlo uncertainty and an optimiser over the user's choices.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libhaul-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# The static library needs nothing at run time; its users compile against Eigen's and toml++'s
# headers and link toml++ (haulConfig.cmake finds both).
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libeigen3-dev (>= 3.4), libtomlplusplus-dev")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "haul's models as a C++ library (headers, static library, CMake package)
The network, ship, appliance and compute models, the plan, sweeps and the
optimiser behind the haul command, as the static library haul_core.
find_package(haul) in CMake gives the target haul::core.")
include(CPack)
