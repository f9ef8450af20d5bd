# The Debian package (`./dev package`, or `cpack -G DEB` in a build dir):
# memlens and memlens-cli with a desktop entry, icon, AppStream metainfo and
# the MIME type of trace files. Included last by the top-level CMakeLists.txt.

include(GNUInstallDirs)

set(MEMLENS_APP_ID io.github.memlens.MemLens)
set(MEMLENS_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})

install(TARGETS memlens-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET memlens)
  install(TARGETS memlens RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${MEMLENS_PACKAGING_DIR}/${MEMLENS_APP_ID}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${MEMLENS_PACKAGING_DIR}/${MEMLENS_APP_ID}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${MEMLENS_PACKAGING_DIR}/${MEMLENS_APP_ID}.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  install(FILES ${MEMLENS_PACKAGING_DIR}/memlens-trace.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/lessons
        DESTINATION ${CMAKE_INSTALL_DATADIR}/memlens)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME memlens)
set(CPACK_PACKAGE_VENDOR "The MemLens developers")
set(CPACK_PACKAGE_CONTACT "The MemLens developers <memlens@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "See what PyTorch does with memory")
set(CPACK_PACKAGE_DESCRIPTION
    "MemLens runs PyTorch scripts statement by statement on a real LibTorch and draws a memory\n"
    "map after every statement: new storages, in-place writes, views, frees and recycled\n"
    "addresses. It exports PNG, SVG and PDF pictures and HTML, PDF and Markdown reports.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/memlens/memlens")
# dpkg-shlibdeps derives the library dependencies (LibTorch, Qt 6, libstdc++)
# from the binaries themselves, so they are exactly what the build linked.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's window-system plugins (xcb, wayland) and the map's fonts are loaded at
# run time, so no library dependency names them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3-torch")
set(CPACK_STRIP_FILES ON)
include(CPack)
