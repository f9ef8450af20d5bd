#include "workbench/LessonCatalog.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include "session/Devices.h"

namespace memlens::workbench {

QString lessonTitle(const QString& fileName) {
  static const QRegularExpression pattern(QStringLiteral(R"(^(\d+)-(.*)\.py$)"));
  const auto match = pattern.match(fileName);
  if (!match.hasMatch()) return fileName;
  QString words = match.captured(2).replace(u'-', u' ');
  if (!words.isEmpty()) words[0] = words[0].toUpper();
  return QStringLiteral("%1. %2").arg(match.captured(1).toInt()).arg(words);
}

std::vector<Lesson> builtInLessons() {
  static const QRegularExpression requirement(QStringLiteral(R"(^#!\s*requires:\s*(\S+))"),
                                              QRegularExpression::MultilineOption);
  std::vector<Lesson> lessons;
  const QDir dir(QStringLiteral(":/lessons"));
  for (const QString& name : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
    Lesson lesson;
    lesson.resourcePath = dir.filePath(name);
    lesson.title = lessonTitle(name);
    QFile file(lesson.resourcePath);
    if (file.open(QIODevice::ReadOnly)) {
      const auto match = requirement.match(QString::fromUtf8(file.readAll()));
      if (match.hasMatch()) lesson.requirement = match.captured(1);
    }
    lesson.available =
        lesson.requirement.isEmpty() || deviceAvailable(lesson.requirement.toStdString());
    lessons.push_back(std::move(lesson));
  }
  return lessons;
}

}  // namespace memlens::workbench
