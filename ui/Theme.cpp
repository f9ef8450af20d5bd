#include "ui/Theme.h"

namespace memlens::ui {

Theme Theme::light() {
  Theme t;
  t.background = QColor(0xffffff);
  t.ink = QColor(0x111418);
  t.mutedInk = QColor(0x4a5059);
  t.lane = QColor(0xf3f5f8);
  t.laneBorder = QColor(0xb8c0cc);
  t.block = QColor(0xd6e6ff);
  t.blockBorder = QColor(0x1d4f9c);
  t.cell = QColor(0xffffff);
  t.object = QColor(0xfff1cc);
  t.objectBorder = QColor(0x7a5200);
  t.name = QColor(0x1b2430);
  t.nameText = QColor(0xffffff);
  t.arrow = QColor(0x2b2f36);
  t.badge = QColor(0x6a1b9a);
  t.badgeText = QColor(0xffffff);
  t.selection = QColor(0xd94e00);
  t.selectionFill = QColor(0xffcf9e);
  t.written = QColor(0xffd60a);
  t.internal = QColor(0x5d6b7a);
  t.recycled = QColor(0x00796b);
  t.ghost = QColor(0x8a929c);
  t.error = QColor(0xb00020);
  return t;
}

Theme Theme::dark() {
  Theme t;
  t.background = QColor(0x121417);
  t.ink = QColor(0xf2f4f7);
  t.mutedInk = QColor(0xb3bac4);
  t.lane = QColor(0x1c2026);
  t.laneBorder = QColor(0x4a5361);
  t.block = QColor(0x1e3a66);
  t.blockBorder = QColor(0x8db8ff);
  t.cell = QColor(0x0b0d10);
  t.object = QColor(0x3b2f12);
  t.objectBorder = QColor(0xffc94d);
  t.name = QColor(0xf2f4f7);
  t.nameText = QColor(0x111418);
  t.arrow = QColor(0xdfe3e8);
  t.badge = QColor(0xd59cff);
  t.badgeText = QColor(0x111418);
  t.selection = QColor(0xff9f43);
  t.selectionFill = QColor(0x6b3a0a);
  t.written = QColor(0xb38f00);
  t.internal = QColor(0xa7b3c2);
  t.recycled = QColor(0x4dd0b8);
  t.ghost = QColor(0x7d8590);
  t.error = QColor(0xff6b6b);
  return t;
}

std::optional<Theme> Theme::named(std::string_view name) {
  if (name == "light") return light();
  if (name == "dark") return dark();
  return std::nullopt;
}

}  // namespace memlens::ui
