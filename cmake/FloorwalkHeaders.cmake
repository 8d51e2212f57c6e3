# floorwalk_export_headers(<target>): a server library exports the headers of its own folder and nothing else.
#
# Code includes a server header by its folder, as "storage/store.h". Exporting server/ itself would let any library
# include any other's header without linking it, so a missing link surfaced only at link time, or never. Instead each
# library gets an include root in its build folder holding links to its own headers only, under its folder's name
# (server/database/sqlite's headers appear as "database/sqlite/*.h"): a library that includes a header of a library
# it does not link fails to compile, naming the header.
function(floorwalk_export_headers target)
  file(RELATIVE_PATH prefix "${PROJECT_SOURCE_DIR}/server" "${CMAKE_CURRENT_SOURCE_DIR}")
  set(root "${CMAKE_CURRENT_BINARY_DIR}/exported_headers")
  # Rebuilt at every configure, so a deleted or renamed header does not stay reachable through a stale link.
  file(REMOVE_RECURSE "${root}")
  file(MAKE_DIRECTORY "${root}/${prefix}")
  file(GLOB headers CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*.h")
  foreach(header IN LISTS headers)
    get_filename_component(name "${header}" NAME)
    file(CREATE_LINK "${header}" "${root}/${prefix}/${name}" SYMBOLIC)
  endforeach()
  target_include_directories(${target} PUBLIC "${root}")
endfunction()
