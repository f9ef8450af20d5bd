#pragma once
// The built-in lessons (resources/lessons, compiled in as Qt resources under
// :/lessons) with their titles and whether this machine can run them: a
// `#! requires: cuda` header hides a lesson where CUDA is missing.

#include <QString>

#include <vector>

namespace memlens::workbench {

struct Lesson {
  QString resourcePath;  // ":/lessons/03-views-and-strides.py"
  QString title;         // "3. Views and strides"
  QString requirement;   // "cuda", or empty
  bool available = true;
};

std::vector<Lesson> builtInLessons();
// "03-views-and-strides.py" -> "3. Views and strides".
QString lessonTitle(const QString& fileName);

}  // namespace memlens::workbench
