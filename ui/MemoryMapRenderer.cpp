#include "ui/MemoryMapRenderer.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <map>

#include "ui/ElementText.h"
#include "ui/StorageCells.h"

namespace memlens::ui {
namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QFont font(const char* family, double pixels, bool bold = false) {
  QFont f(QString::fromLatin1(family));
  f.setPixelSize(std::max(1, static_cast<int>(std::lround(pixels))));
  f.setBold(bold);
  return f;
}

QColor mix(const QColor& a, const QColor& b, double p) {
  const auto channel = [p](int x, int y) {
    return static_cast<int>(std::lround(x + (y - x) * std::clamp(p, 0.0, 1.0)));
  };
  return {channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())};
}

constexpr auto kCenter = Qt::AlignCenter | Qt::TextDontClip;
constexpr auto kLeft = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip;

// One paint call: the painter, the theme, the sizes and the level of detail.
class Painting {
 public:
  Painting(QPainter& painter, const Theme& theme, const MapLayout& layout, const RenderState& state)
      : p_(painter), t_(theme), layout_(layout), state_(state), f_(layout.options.fontSize) {
    const QTransform& transform = painter.worldTransform();
    pixelsPerUnit_ = std::hypot(transform.m11(), transform.m12());
    visible_ = state.visible.isNull() ? layout.bounds : state.visible;
    // Every visibility test below allows at most 3 font sizes around an item.
    near_ = layout.itemsBetween(visible_.top() - 3 * f_, visible_.bottom() + 3 * f_);
    sansBold_ = font("DejaVu Sans", f_, true);
    small_ = font("DejaVu Sans", 0.7 * f_);
    smallBold_ = font("DejaVu Sans", 0.8 * f_, true);
    mono_ = font("DejaVu Sans Mono", 1.05 * f_, true);
    monoSmall_ = font("DejaVu Sans Mono", 0.9 * f_);
    tiny_ = font("DejaVu Sans", 0.65 * f_, true);
    if (state.selection.kind == Selection::Kind::Tensor) {
      selectedObject_ = layout.findObject(state.selection.id);
    }
    spotlit_ = state.spotlight && (std::any_of(layout.blocks.begin(), layout.blocks.end(),
                                               [](const auto& b) { return b.changed(); }) ||
                                   std::any_of(layout.objects.begin(), layout.objects.end(),
                                               [](const auto& o) { return o.changed; }) ||
                                   std::any_of(layout.names.begin(), layout.names.end(),
                                               [](const auto& n) { return n.changed; }));
  }

  void run() {
    p_.save();
    p_.setRenderHint(QPainter::Antialiasing);
    p_.setRenderHint(QPainter::TextAntialiasing);
    p_.fillRect(layout_.bounds, t_.background);
    for (const auto& lane : layout_.lanes) paintLane(lane);
    for (const auto& segment : layout_.segments) paintSegment(segment);
    paintBlocks();
    paintObjectArrows();
    paintObjects();
    paintNames();
    for (const auto& copy : layout_.copies) paintCopy(copy);
    if (layout_.caption) paintCaption(*layout_.caption);
    if (legible(0.8 * f_)) {
      for (const auto& item : layout_.legend) paintLegendItem(item);
    }
    p_.restore();
  }

 private:
  // Far out a run stays visible: at least `pixels` tall on screen and one wide.
  QRectF atLeast(const QRectF& rect, double pixels) const {
    QRectF grown = rect;
    const double height = pixels / pixelsPerUnit_;
    if (grown.height() < height) {
      grown.setTop(rect.center().y() - height / 2);
      grown.setHeight(height);
    }
    grown.setWidth(std::max(grown.width(), 1 / pixelsPerUnit_));
    return grown;
  }

  bool legible(double size) const { return size * pixelsPerUnit_ >= 6; }
  bool tiny(const QRectF& rect) const { return rect.width() * pixelsPerUnit_ < 3; }
  bool visible(const QRectF& rect) const { return rect.intersects(visible_); }

  QPen pen(const QColor& color, double width, Qt::PenStyle style = Qt::SolidLine) const {
    QPen result(color, width, style);
    result.setJoinStyle(Qt::RoundJoin);
    result.setCapStyle(Qt::FlatCap);
    return result;
  }

  void paintLane(const LaneLayout& lane) {
    if (!visible(lane.rect)) return;
    p_.setPen(pen(t_.laneBorder, 1.5));
    p_.setBrush(t_.lane);
    p_.drawRoundedRect(lane.rect, 0.5 * f_, 0.5 * f_);
    if (!legible(0.9 * f_)) return;
    p_.setPen(t_.mutedInk);
    p_.setFont(smallBold_);
    p_.drawText(lane.titleRect, kLeft, qs(lane.device) + QStringLiteral(" memory"));
  }

  // A dashed frame with its size: reserved memory is a container, not a storage.
  void paintSegment(const SegmentLayout& segment) {
    if (!visible(segment.rect)) return;
    QColor fill = t_.laneBorder;
    fill.setAlphaF(0.25);
    p_.setPen(pen(t_.mutedInk, 1.5, Qt::DashLine));
    p_.setBrush(fill);
    p_.drawRoundedRect(segment.rect, 0.35 * f_, 0.35 * f_);
    if (!legible(0.65 * f_)) return;
    p_.setPen(t_.mutedInk);
    p_.setFont(tiny_);
    p_.drawText(segment.labelRect, kLeft, qs(segmentLabel(segment)));
  }

  // Far out, neighbouring blocks too thin to see merge into one rectangle.
  void paintBlocks() {
    QRectF run;
    const auto flush = [&] {
      if (run.isNull()) return;
      p_.setPen(Qt::NoPen);
      p_.setBrush(t_.blockBorder);
      p_.drawRect(atLeast(run, 8));
      run = {};
    };
    for (const auto& block : layout_.blocks.slice(near_.blocksBegin, near_.blocksEnd)) {
      if (!visible(block.rect.adjusted(-f_, -f_, f_, 3 * f_))) continue;
      if (tiny(block.rect) && !block.motion.ghost) {
        if (!run.isNull() && (block.rect.left() - run.right()) * pixelsPerUnit_ < 2) {
          run |= block.rect;
        } else {
          flush();
          run = block.rect;
        }
        continue;
      }
      flush();
      paintBlock(block);
    }
    flush();
  }

  // Under a spotlight what the step left alone recedes; it stays readable.
  // A step that changed nothing (a print) dims nothing.
  double lit(bool changed) const { return spotlit_ && !changed ? 0.45 : 1.0; }

  void paintBlock(const BlockLayout& block) {
    p_.setOpacity(block.motion.opacity * lit(block.changed()));
    const bool selected = state_.selection == Selection::storage(block.storage);
    const bool hovered = state_.hover == Selection::storage(block.storage);
    const double radius = 0.25 * f_;
    if (block.recycled && !block.motion.ghost) {
      // A second, dotted outline: the recycled-address mark, beside its label.
      p_.setPen(pen(t_.recycled, t_.line, Qt::DotLine));
      p_.setBrush(Qt::NoBrush);
      p_.drawRoundedRect(block.rect.adjusted(-0.3 * f_, -0.3 * f_, 0.3 * f_, 0.3 * f_), radius,
                         radius);
    }
    if (block.motion.ghost) {
      p_.setPen(pen(t_.ghost, t_.line, Qt::DashLine));
      p_.setBrush(Qt::NoBrush);
    } else if (block.internal) {
      p_.setPen(pen(t_.internal, t_.line, Qt::DashLine));
      p_.setBrush(t_.lane);
    } else {
      p_.setPen(pen(selected ? t_.selection : t_.blockBorder,
                    selected ? t_.selectionLine : (hovered ? 1.6 * t_.line : t_.line)));
      p_.setBrush(t_.block);
    }
    p_.drawRoundedRect(block.rect, radius, radius);
    if (block.internal && !block.motion.ghost) {
      paintHatch(block.rect.adjusted(0, block.headerRect.height(), 0, 0));
    }

    const bool detailed = block.rect.width() * pixelsPerUnit_ >= 40 && legible(0.8 * f_);
    if (detailed) {
      p_.setPen(block.motion.ghost ? t_.ghost : t_.ink);
      p_.setFont(smallBold_);
      const QString header =
          QStringLiteral("S%1 \u00b7 %2").arg(block.storage).arg(qs(byteSizeText(block.bytes)));
      p_.drawText(block.headerRect.adjusted(0.4 * f_, 0, 0, 0), kLeft, header);
      paintCells(block);
      paintFooter(block);
    }
    p_.setOpacity(1);
  }

  // Diagonal hatching: "held by autograd" without relying on colour. The
  // lines are cut to the rectangle here, since SVG output keeps no clipping.
  void paintHatch(const QRectF& rect) {
    p_.setPen(pen(t_.internal, 1.2));
    const double h = rect.height();
    for (double x = rect.left() - h; x < rect.right(); x += 0.6 * f_) {
      const double from = std::clamp((rect.left() - x) / h, 0.0, 1.0);
      const double to = std::clamp((rect.right() - x) / h, 0.0, 1.0);
      if (to <= from) continue;
      p_.drawLine(QPointF(x + from * h, rect.bottom() - from * h),
                  QPointF(x + to * h, rect.bottom() - to * h));
    }
  }

  void paintCells(const BlockLayout& block) {
    if (block.cells.empty()) {
      p_.setPen(block.motion.ghost ? t_.ghost : t_.mutedInk);
      p_.setFont(small_);
      const QRectF body(block.rect.left(), block.headerRect.bottom(), block.rect.width(),
                        block.rect.bottom() - block.headerRect.bottom());
      const auto size = dtypeSize(block.dtype);
      QString text = QStringLiteral("no tensor names it");
      if (block.internal) {
        text = QStringLiteral("held by autograd");
      } else if (size > 0) {
        text = QStringLiteral("%1 \u00d7 %2").arg(block.bytes / size).arg(qs(block.dtype));
      }
      if (block.internal) {
        // A quiet patch behind the words so the hatching does not cross them.
        const double width = QFontMetricsF(small_).horizontalAdvance(text) + 0.6 * f_;
        QRectF patch(0, 0, width, 1.2 * f_);
        patch.moveCenter(body.center());
        p_.save();
        p_.setPen(Qt::NoPen);
        p_.setBrush(t_.lane);
        p_.drawRoundedRect(patch, 0.2 * f_, 0.2 * f_);
        p_.restore();
      }
      p_.drawText(body, kCenter, text);
      return;
    }
    std::map<std::int64_t, std::vector<std::size_t>> readOrder;
    if (selectedObject_ && selectedObject_->record.storage == block.storage &&
        !block.motion.ghost) {
      for (std::size_t i = 0; i < selectedObject_->coveredCells.size(); ++i) {
        readOrder[selectedObject_->coveredCells[i]].push_back(i);
      }
    }
    const double writeLevel = std::max(0.55, block.motion.flash);
    for (std::size_t i = 0; i < block.cells.size(); ++i) {
      const auto& cell = block.cells[i];
      if (!visible(cell.rect)) continue;
      const auto index = static_cast<std::int64_t>(i);
      const bool written = std::find(block.writtenCells.begin(), block.writtenCells.end(), index) !=
                           block.writtenCells.end();
      const auto order = readOrder.find(index);
      const QRectF inner = cell.rect.adjusted(0.12 * f_, 0.12 * f_, -0.12 * f_, -0.12 * f_);
      QColor fill = t_.cell;
      if (written && !block.motion.ghost) fill = mix(t_.cell, t_.written, writeLevel);
      if (order != readOrder.end()) fill = t_.selectionFill;
      p_.setBrush(block.motion.ghost ? QBrush(Qt::NoBrush) : QBrush(fill));
      const bool marked = order != readOrder.end() || (written && !block.motion.ghost);
      p_.setPen(pen(order != readOrder.end() ? t_.selection
                                             : (block.motion.ghost ? t_.ghost : t_.blockBorder),
                    marked ? 0.9 * t_.selectionLine : 1.0));
      p_.drawRect(inner);
      p_.setPen(block.motion.ghost ? t_.ghost : t_.ink);
      p_.setFont(mono_);
      // A numbered cell keeps its top-left corner for the number.
      const QRectF valueRect =
          order == readOrder.end() ? inner : inner.adjusted(0.3 * f_, 0.35 * f_, 0, 0);
      p_.drawText(valueRect, kCenter, qs(cell.text));
      if (order != readOrder.end()) {
        // The reading order, like a stride visualiser: element 0, 1, 2, ...
        QString label = QString::number(order->second.front());
        if (order->second.size() > 1) label += QStringLiteral("+");
        p_.setPen(t_.selection);
        p_.setFont(tiny_);
        p_.drawText(inner.adjusted(0.15 * f_, 0.05 * f_, 0, 0),
                    Qt::AlignLeft | Qt::AlignTop | Qt::TextDontClip, label);
      }
    }
  }

  void paintFooter(const BlockLayout& block) {
    QString mark;
    QColor color = t_.mutedInk;
    if (block.motion.ghost) {
      mark = QStringLiteral("freed");
      color = t_.ghost;
    } else if (block.recycled) {
      mark = QStringLiteral("\u21ba recycled");
      color = t_.recycled;
    } else if (block.copiedFrom) {
      mark = QStringLiteral("copy of S%1").arg(*block.copiedFrom);
      color = t_.ink;
    } else if (block.created) {
      mark = QStringLiteral("\u2605 new");
      color = t_.ink;
    } else if (!block.writtenCells.empty()) {
      mark = QStringLiteral("\u270e written in place");
      color = t_.ink;
    }
    const QRectF& r = block.footerRect;
    const QRectF markLine(r.left(), r.top(), r.width(), r.height() * 0.55);
    const QRectF addressLine(r.left(), markLine.bottom(), r.width(), r.height() * 0.45);
    if (!mark.isEmpty()) {
      p_.setFont(smallBold_);
      p_.setPen(color);
      p_.drawText(markLine, kCenter,
                  QFontMetricsF(smallBold_).elidedText(mark, Qt::ElideRight, r.width()));
    }
    p_.setFont(small_);
    p_.setPen(block.motion.ghost ? t_.ghost : t_.mutedInk);
    const QString address = QStringLiteral("@") + qs(shortAddressText(block.ptr));
    p_.drawText(
        addressLine, kCenter,
        block.recycled && !block.motion.ghost ? address + QStringLiteral(" reused") : address);
  }

  void paintArrow(QPointF from, QPointF to, double progress, const QColor& color, double width) {
    if (progress <= 0) return;
    const QPointF end = from + (to - from) * progress;
    const QPointF direction = end - from;
    const double length = std::hypot(direction.x(), direction.y());
    if (length < 1e-6) return;
    const QPointF unit = direction / length;
    const QPointF normal(-unit.y(), unit.x());
    const double head = std::min(0.7 * f_, length);
    p_.setPen(pen(color, width));
    p_.drawLine(from, end - unit * head * 0.8);
    p_.setPen(Qt::NoPen);
    p_.setBrush(color);
    p_.drawPolygon(QPolygonF(
        {end, end - unit * head + normal * head * 0.45, end - unit * head - normal * head * 0.45}));
  }

  void paintObjectArrows() {
    if (f_ * pixelsPerUnit_ < 3) return;  // arrows outlast text: they carry the structure
    for (const auto& object : layout_.objects.slice(near_.objectsBegin, near_.objectsEnd)) {
      const auto* block = layout_.findBlock(object.record.storage);
      if (!block) continue;
      const QPointF from(object.rect.center().x(), object.rect.bottom());
      const QPointF to(block->rect.left() + object.arrowTargetX * block->rect.width(),
                       block->rect.top());
      if (!visible(QRectF(from, to).normalized().adjusted(-f_, -f_, f_, f_))) continue;
      const bool selected = selectedObject_ == &object;
      p_.setOpacity(std::min(object.motion.opacity, block->motion.opacity) * lit(object.changed));
      paintArrow(from, to, object.motion.arrowProgress, selected ? t_.selection : t_.arrow,
                 selected ? 1.4 * t_.arrowLine : t_.arrowLine);
    }
    p_.setOpacity(1);
  }

  void paintObjects() {
    QRectF run;
    for (const auto& object : layout_.objects.slice(near_.objectsBegin, near_.objectsEnd)) {
      if (!visible(object.rect.adjusted(0, -f_, 0, 0))) continue;
      if (tiny(object.rect) || !legible(0.6 * f_)) {
        if (!run.isNull() && (object.rect.left() - run.right()) * pixelsPerUnit_ < 2) {
          run |= object.rect;
          continue;
        }
        if (!run.isNull()) p_.fillRect(atLeast(run, 4), t_.objectBorder);
        run = object.rect;
        continue;
      }
      paintObject(object);
    }
    if (!run.isNull()) p_.fillRect(atLeast(run, 4), t_.objectBorder);
  }

  void paintObject(const ObjectLayout& object) {
    p_.setOpacity(object.motion.opacity * lit(object.changed));
    const bool selected = selectedObject_ == &object;
    const bool hovered = state_.hover == Selection::tensor(object.tensor);
    const double radius = 0.4 * f_;
    if (object.motion.ghost) {
      p_.setPen(pen(t_.ghost, t_.line, Qt::DashLine));
      p_.setBrush(Qt::NoBrush);
    } else {
      p_.setPen(pen(selected ? t_.selection : t_.objectBorder,
                    selected ? t_.selectionLine : (hovered ? 1.6 * t_.line : t_.line)));
      p_.setBrush(t_.object);
    }
    p_.drawRoundedRect(object.rect, radius, radius);
    if (!legible(0.9 * f_)) {
      p_.setOpacity(1);
      return;
    }
    const auto& r = object.record;
    p_.setPen(object.motion.ghost ? t_.ghost : t_.ink);
    p_.setFont(monoSmall_);
    const double pad = 0.5 * f_;
    const double lineHeight = (object.rect.height() - 2 * pad) / 2;
    const QRectF line1(object.rect.left() + pad, object.rect.top() + pad, object.rect.width(),
                       lineHeight);
    p_.drawText(line1, kLeft, qs(shapeLine(r)));
    p_.drawText(line1.translated(0, lineHeight), kLeft, qs(strideLine(r)));

    // The version badge: a pill that grows and lights up when it ticks.
    const double grow = 1 + 0.35 * object.motion.pulse;
    QRectF badge = object.badgeRect;
    badge.setSize(badge.size() * grow);
    badge.moveCenter(object.badgeRect.center());
    p_.setPen(pen(object.motion.ghost ? t_.ghost : t_.background, 0.15 * f_));
    p_.setBrush(object.motion.ghost ? t_.background
                                    : mix(t_.badge, t_.written, object.motion.pulse));
    p_.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
    p_.setPen(object.motion.ghost ? t_.ghost : (object.motion.pulse > 0.5 ? t_.ink : t_.badgeText));
    p_.setFont(font("DejaVu Sans", 0.8 * f_ * grow, true));
    p_.drawText(badge, kCenter, QStringLiteral("v%1").arg(r.version));
    p_.setOpacity(1);
  }

  void paintNames() {
    if (!legible(0.8 * f_)) return;
    for (const auto& name : layout_.names.slice(near_.namesBegin, near_.namesEnd)) {
      const auto* object = layout_.findObject(name.tensor);
      if (!visible(name.rect.adjusted(0, 0, 0, 2 * f_))) continue;
      p_.setOpacity(name.motion.opacity * lit(name.changed));
      const bool selected = selectedObject_ && selectedObject_->tensor == name.tensor;
      if (object && !name.motion.ghost) {
        const QPointF from(name.rect.center().x(), name.rect.bottom());
        const double x = std::clamp(from.x(), object->rect.left() + f_, object->rect.right() - f_);
        paintArrow(from, QPointF(x, object->rect.top()), 1, selected ? t_.selection : t_.arrow,
                   t_.arrowLine);
      }
      p_.setPen(name.motion.ghost
                    ? pen(t_.ghost, t_.line, Qt::DashLine)
                    : pen(selected ? t_.selection : t_.name, selected ? t_.selectionLine : 1));
      p_.setBrush(name.motion.ghost ? t_.background : t_.name);
      p_.drawRoundedRect(name.rect, name.rect.height() / 2, name.rect.height() / 2);
      p_.setPen(name.motion.ghost ? t_.ghost : t_.nameText);
      p_.setFont(sansBold_);
      p_.drawText(name.rect, kCenter, qs(name.name));
    }
    p_.setOpacity(1);
  }

  void paintCopy(const CopyTrail& copy) {
    const double p = copy.progress;
    if (p <= 0 || p >= 1) return;
    const QPointF shift = (copy.to.center() - copy.from.center()) * p;
    const QRectF rect = copy.from.translated(shift);
    p_.setOpacity(1 - 0.5 * p);
    p_.setPen(pen(t_.ink, t_.line, Qt::DashLine));
    p_.setBrush(mix(t_.background, t_.written, 0.6));
    p_.drawRoundedRect(rect, 0.25 * f_, 0.25 * f_);
    p_.setFont(smallBold_);
    p_.setPen(t_.ink);
    p_.drawText(rect, kCenter, QStringLiteral("copy"));
    p_.setOpacity(1);
  }

  void paintCaption(const CaptionLayout& caption) {
    if (!visible(caption.rect) || !legible(0.7 * f_)) return;
    const QRectF titleLine(caption.rect.left(), caption.rect.top(), caption.rect.width(), 0.9 * f_);
    p_.setFont(smallBold_);
    p_.setPen(t_.mutedInk);
    p_.drawText(titleLine, kLeft, qs(caption.title));
    const QFont code = font("DejaVu Sans Mono", 1.25 * f_, true);
    const QRectF codeLine(caption.rect.left(), titleLine.bottom() + 0.2 * f_, caption.rect.width(),
                          1.5 * f_);
    p_.setFont(code);
    p_.setPen(t_.ink);
    const QString codeText = qs(caption.code);
    p_.drawText(codeLine, kLeft, codeText);
    double x = codeLine.left() + QFontMetricsF(code).horizontalAdvance(codeText) + f_;
    for (const auto& kind : caption.kinds) {
      const QString text = qs(kind);
      const double width = QFontMetricsF(smallBold_).horizontalAdvance(text) + 1.2 * f_;
      const QRectF chip(x, codeLine.top() + 0.1 * f_, width, codeLine.height() - 0.2 * f_);
      p_.setPen(pen(t_.ink, 1.5));
      p_.setBrush(kind == "in-place" ? mix(t_.background, t_.written, 0.7) : t_.lane);
      p_.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
      p_.setFont(smallBold_);
      p_.drawText(chip, kCenter, text);
      x += width + 0.5 * f_;
    }
    if (!caption.error.empty()) {
      p_.setFont(smallBold_);
      p_.setPen(t_.error);
      p_.drawText(
          QRectF(caption.rect.left(), codeLine.bottom() + 0.2 * f_, caption.rect.width(), 1.2 * f_),
          kLeft, QStringLiteral("\u26a0 ") + qs(caption.error));
    }
  }

  void paintLegendItem(const LegendItem& item) {
    if (!visible(item.labelRect.united(item.glyphRect))) return;
    const QRectF g = item.glyphRect;
    const double radius = 0.25 * f_;
    switch (item.glyph) {
      case LegendGlyph::Name:
        p_.setPen(Qt::NoPen);
        p_.setBrush(t_.name);
        p_.drawRoundedRect(g, g.height() / 2, g.height() / 2);
        p_.setPen(t_.nameText);
        p_.setFont(smallBold_);
        p_.drawText(g, kCenter, QStringLiteral("x"));
        break;
      case LegendGlyph::Object:
        p_.setPen(pen(t_.objectBorder, t_.line));
        p_.setBrush(t_.object);
        p_.drawRoundedRect(g, radius, radius);
        break;
      case LegendGlyph::Version:
        p_.setPen(Qt::NoPen);
        p_.setBrush(t_.badge);
        p_.drawRoundedRect(g, g.height() / 2, g.height() / 2);
        p_.setPen(t_.badgeText);
        p_.setFont(smallBold_);
        p_.drawText(g, kCenter, QStringLiteral("v1"));
        break;
      case LegendGlyph::Storage:
        p_.setPen(pen(t_.blockBorder, t_.line));
        p_.setBrush(t_.block);
        p_.drawRoundedRect(g, radius, radius);
        break;
      case LegendGlyph::Arrow:
        paintArrow(QPointF(g.left(), g.center().y()), QPointF(g.right(), g.center().y()), 1,
                   t_.arrow, t_.arrowLine);
        break;
      case LegendGlyph::Written:
        p_.setPen(pen(t_.blockBorder, 0.9 * t_.selectionLine));
        p_.setBrush(mix(t_.cell, t_.written, 0.55));
        p_.drawRect(g);
        break;
      case LegendGlyph::Internal:
        p_.setPen(pen(t_.internal, t_.line, Qt::DashLine));
        p_.setBrush(t_.lane);
        p_.drawRoundedRect(g, radius, radius);
        paintHatch(g);
        break;
      case LegendGlyph::Recycled:
        p_.setPen(pen(t_.recycled, t_.line, Qt::DotLine));
        p_.setBrush(t_.block);
        p_.drawRoundedRect(g, radius, radius);
        p_.setPen(t_.recycled);
        p_.setFont(smallBold_);
        p_.drawText(g, kCenter, QStringLiteral("\u21ba"));
        break;
      case LegendGlyph::Freed:
        p_.setPen(pen(t_.ghost, t_.line, Qt::DashLine));
        p_.setBrush(Qt::NoBrush);
        p_.drawRoundedRect(g, radius, radius);
        break;
    }
    p_.setPen(t_.ink);
    p_.setFont(small_);
    p_.drawText(item.labelRect, kLeft, qs(item.label));
  }

  QPainter& p_;
  const Theme& t_;
  const MapLayout& layout_;
  const RenderState& state_;
  double f_;
  double pixelsPerUnit_ = 1;
  QRectF visible_;
  ItemRanges near_;  // the items near enough to `visible_` to be drawn
  QFont sansBold_, small_, smallBold_, mono_, monoSmall_, tiny_;
  const ObjectLayout* selectedObject_ = nullptr;
  bool spotlit_ = false;
};

}  // namespace

void MemoryMapRenderer::paint(QPainter& painter, const MapLayout& layout,
                              const RenderState& state) const {
  Painting(painter, theme_, layout, state).run();
}

}  // namespace memlens::ui
