#pragma once
// Colours and line weights of the map. Both themes are high-contrast and
// projector-weight; colour always comes with a label, line style or pattern,
// so no meaning depends on telling colours apart.

#include <QColor>
#include <QString>

#include <optional>
#include <string_view>

namespace memlens::ui {

struct Theme {
  QColor background;
  QColor ink;       // text and outlines
  QColor mutedInk;  // secondary text
  QColor lane;
  QColor laneBorder;
  QColor block;
  QColor blockBorder;
  QColor cell;
  QColor object;
  QColor objectBorder;
  QColor name;
  QColor nameText;
  QColor arrow;
  QColor badge;
  QColor badgeText;
  QColor selection;
  QColor selectionFill;
  QColor written;
  QColor internal;
  QColor recycled;
  QColor ghost;
  QColor error;
  double line = 2.5;  // outlines
  double arrowLine = 3.0;
  double selectionLine = 5.0;

  static Theme light();
  static Theme dark();
  // "light" or "dark"; none for anything else.
  static std::optional<Theme> named(std::string_view name);
};

}  // namespace memlens::ui
