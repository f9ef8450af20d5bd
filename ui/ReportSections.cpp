#include "ui/ReportSections.h"

#include <algorithm>
#include <map>

namespace memlens::ui {
namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QString escaped(const std::string& text) {
  return qs(text).toHtmlEscaped();
}

QString bytesText(std::int64_t bytes) {
  return qs(formatBytes(bytes));
}

QString kindBadge(StepKind kind) {
  const QString word = qs(std::string(toString(kind)));
  return QStringLiteral("<span class=\"kind k-%1\">%1</span>").arg(word);
}

QString kindsCell(const ReportStepRow& row) {
  QString out;
  for (const auto kind : row.kinds) out += kindBadge(kind) + QStringLiteral(" ");
  if (row.error) {
    out += QStringLiteral("<span class=\"kind k-error\">%1</span>").arg(escaped(row.error->type));
  }
  return out;
}

QString countRow(const QString& badge, std::int64_t count, const QString& meaning) {
  return QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td>%3</td></tr>")
      .arg(badge, QString::number(count), meaning);
}

}  // namespace

QString reportMetaLine(const ReportModel& model, const QString& generator) {
  QStringList devices;
  for (const auto& device : model.devices) devices << qs(device.device);
  QStringList parts;
  parts << QStringLiteral("LibTorch %1").arg(escaped(model.torchVersion));
  parts << (devices.isEmpty()
                ? QStringLiteral("no memory allocated")
                : QStringLiteral("device: %1").arg(devices.join(QStringLiteral(", "))));
  parts << QStringLiteral("%1 steps").arg(model.rows.size());
  if (!generator.isEmpty()) parts << generator.toHtmlEscaped();
  return parts.join(QStringLiteral(" \u00b7 "));
}

QString summaryHtml(const ReportModel& model) {
  QString out;
  if (!model.devices.empty()) {
    out += QStringLiteral(
        "<table class=\"grid peaks\"><tr><th>device</th><th>peak allocated</th>"
        "<th>reached in step</th><th>after the last step</th></tr>");
    for (const auto& device : model.devices) {
      out += QStringLiteral(
                 "<tr><td><b>%1</b></td><td class=\"num big\">%2</td><td class=\"num\">%3</td>"
                 "<td class=\"num\">%4</td></tr>")
                 .arg(escaped(device.device), bytesText(device.peakBytes),
                      QString::number(device.peakStep),
                      bytesText(device.afterStep.empty() ? 0 : device.afterStep.back()));
    }
    out += QStringLiteral("</table>");
  }
  const auto& counts = model.counts;
  out += QStringLiteral(
      "<table class=\"grid counts\"><tr><th>kind</th><th>steps</th><th>meaning</th></tr>");
  out += countRow(kindBadge(StepKind::New), counts.newSteps,
                  QStringLiteral("allocated a new storage"));
  out += countRow(kindBadge(StepKind::InPlace), counts.inPlaceSteps,
                  QStringLiteral("wrote into an existing storage"));
  out += countRow(kindBadge(StepKind::View), counts.viewSteps,
                  QStringLiteral("made a tensor that shares an existing storage"));
  out += countRow(kindBadge(StepKind::Free), counts.freeSteps, QStringLiteral("released storage"));
  out += countRow(QStringLiteral("<span class=\"kind k-recycled\">\u21ba recycled</span>"),
                  counts.recycledStorages,
                  QStringLiteral("new storages on an address freed earlier (per storage)"));
  if (counts.errors > 0) {
    out += countRow(QStringLiteral("<span class=\"kind k-error\">error</span>"), counts.errors,
                    QStringLiteral("raised an exception"));
  }
  out += QStringLiteral("</table>");
  return out;
}

QString scriptHtml(const ReportModel& model) {
  std::map<int, QStringList> stepsAt;
  for (const auto& row : model.rows) stepsAt[row.line] << QString::number(row.number);
  QString out = QStringLiteral(
      "<table class=\"script\"><tr><th class=\"ln\">line</th><th class=\"at\">step</th>"
      "<th>code</th></tr>");
  for (std::size_t k = 0; k < model.scriptLines.size(); ++k) {
    const int line = static_cast<int>(k) + 1;
    const auto& text = model.scriptLines[k];
    const auto steps = stepsAt.find(line);
    const bool caption = text.find_first_not_of(" \t") != std::string::npos &&
                         text.substr(text.find_first_not_of(" \t")).starts_with("#>");
    const QString rowClass = steps != stepsAt.end() ? QStringLiteral("stmt")
                             : caption              ? QStringLiteral("caption")
                                                    : QString();
    out += QStringLiteral(
               "<tr id=\"L%1\" class=\"%2\"><td class=\"ln\">%1</td><td class=\"at\">%3</td>"
               "<td class=\"code\">%4</td></tr>")
               .arg(QString::number(line), rowClass,
                    steps == stepsAt.end() ? QString() : steps->second.join(QStringLiteral(", ")),
                    escaped(text));
  }
  return out + QStringLiteral("</table>");
}

QString stepTableHtml(const ReportModel& model, const std::vector<std::size_t>& mapped) {
  QString out = QStringLiteral(
      "<table class=\"grid steps\"><tr><th>step</th><th>line</th><th>code</th><th>kind</th>"
      "<th>allocations</th><th>allocated</th><th>freed</th><th>operator</th>");
  for (const auto& device : model.devices) {
    out += QStringLiteral("<th>%1 after</th>").arg(escaped(device.device));
  }
  out += QStringLiteral("</tr>");
  for (const auto& row : model.rows) {
    const bool hasMap = std::find(mapped.begin(), mapped.end(), row.number - 1) != mapped.end();
    const QString number = hasMap ? QStringLiteral("<a href=\"#step-%1\">%1</a>").arg(row.number)
                                  : QString::number(row.number);
    QStringList operators;
    for (const auto& op : row.operators)
      operators << QStringLiteral("<code>%1</code>").arg(escaped(op));
    QString code = QStringLiteral("<code>%1</code>").arg(escaped(row.code));
    if (row.error) {
      code += QStringLiteral("<br><span class=\"error\">%1: %2</span>")
                  .arg(escaped(row.error->type), escaped(row.error->message));
    }
    out +=
        QStringLiteral(
            "<tr><td class=\"num\">%1</td><td class=\"num\"><a href=\"#L%2\">%2</a></td>"
            "<td>%3</td><td>%4</td><td class=\"num\">%5</td><td class=\"num\">%6</td>"
            "<td class=\"num\">%7</td><td>%8</td>")
            .arg(number, QString::number(row.line), code, kindsCell(row),
                 QString::number(row.allocations),
                 row.allocatedBytes > 0 ? bytesText(row.allocatedBytes) : QStringLiteral("\u2013"),
                 row.freedBytes > 0 ? bytesText(row.freedBytes) : QStringLiteral("\u2013"),
                 operators.join(QStringLiteral("<br>")));
    for (const auto& device : model.devices) {
      out += QStringLiteral("<td class=\"num\">%1</td>")
                 .arg(bytesText(device.afterStep.at(row.number - 1)));
    }
    out += QStringLiteral("</tr>");
  }
  return out + QStringLiteral("</table>");
}

QString reportCss(const Theme& theme, bool rich) {
  const auto c = [](const QColor& colour) { return colour.name(); };
  QString css =
      QStringLiteral(
          "body { background: %1; color: %2; font-family: 'DejaVu Sans', sans-serif; }\n"
          "h1, h2, h3 { color: %2; }\n"
          ".meta, .muted { color: %3; }\n"
          "table.grid { border-collapse: collapse; margin-bottom: 12px; }\n"
          "table.grid th, table.grid td { border: 1px solid %4; padding: 4px 8px; "
          "vertical-align: top; }\n"
          "table.grid th { background: %5; text-align: left; }\n"
          "td.num { text-align: right; }\n"
          "td.big { font-weight: bold; }\n"
          "code, td.code { font-family: 'DejaVu Sans Mono', monospace; }\n"
          "table.script { border-collapse: collapse; }\n"
          "table.script td { padding: 1px 8px; vertical-align: top; }\n"
          "table.script th { text-align: left; color: %3; padding: 1px 8px; }\n"
          "td.code { white-space: pre; }\n"
          "td.ln, td.at { color: %3; text-align: right; }\n"
          "tr.stmt td { background: %5; }\n"
          "tr.stmt td.at { color: %2; font-weight: bold; }\n"
          "tr.caption td.code { color: %3; font-style: italic; }\n"
          ".error { color: %6; font-weight: bold; }\n"
          ".lesson { font-size: 16px; font-style: italic; }\n"
          ".kind { font-weight: bold; padding: 1px 6px; }\n"
          ".k-new { background: %7; color: %2; }\n"
          ".k-in-place { background: %8; color: #111418; }\n"
          ".k-view { background: %9; color: %2; }\n")
          .arg(c(theme.background), c(theme.ink), c(theme.mutedInk), c(theme.laneBorder),
               c(theme.lane), c(theme.error), c(theme.block), c(theme.written), c(theme.object));
  css += QStringLiteral(
             ".k-free { background: %1; color: %2; }\n"
             ".k-none { color: %3; }\n"
             ".k-recycled { background: %4; color: %2; }\n"
             ".k-error { background: %5; color: %6; }\n"
             "a { color: %7; }\n")
             .arg(c(theme.lane), c(theme.ink), c(theme.mutedInk), c(theme.lane), c(theme.error),
                  c(theme.background), c(theme.blockBorder));
  if (rich) {
    css += QStringLiteral(
        "body { max-width: 1400px; margin: 24px auto; padding: 0 24px; line-height: 1.45; }\n"
        ".kind { border-radius: 9px; display: inline-block; margin: 1px 0; }\n"
        ".k-free { border: 1.5px dashed currentColor; }\n"
        ".k-recycled { border: 1.5px dotted currentColor; }\n"
        "table.grid th { position: sticky; top: 0; }\n"
        "table.steps td:nth-child(3) { max-width: 36em; }\n"
        "section { margin-top: 32px; }\n"
        "figure { margin: 0 0 28px 0; }\n"
        "figcaption { font-size: 1.05em; margin-bottom: 6px; }\n"
        "figure svg, .chart svg { display: block; max-width: 100%; height: auto; }\n"
        "tr:target td { outline: 2px solid currentColor; }\n"
        ".summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }\n");
  }
  return css;
}

}  // namespace memlens::ui
