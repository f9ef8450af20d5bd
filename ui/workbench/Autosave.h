#pragma once
// Autosave and crash recovery for the editor. Each running window keeps its
// unsaved text in its own file beside a lock file it holds; a lock that can be
// taken belongs to a window that is gone without closing cleanly, so its text
// is offered back at the next start.

#include <QDateTime>
#include <QLockFile>
#include <QString>

#include <memory>
#include <vector>

namespace memlens::workbench {

struct RecoverableScript {
  QString autosavePath;  // the text as it was last autosaved
  QString originalPath;  // the file it was edited from; empty: untitled
  QDateTime savedAt;
  QString text;
};

class Autosave {
 public:
  // `directory` is created if missing.
  explicit Autosave(QString directory);
  ~Autosave();
  Autosave(const Autosave&) = delete;
  Autosave& operator=(const Autosave&) = delete;

  // Saves the text being edited (atomically); returns false when it cannot.
  bool save(const QString& text, const QString& originalPath);
  // The text no longer needs keeping (saved to its file, or discarded).
  void clear();

  // Scripts left by windows that did not close cleanly, newest first.
  std::vector<RecoverableScript> orphans() const;
  // Forgets a recovered (or declined) orphan.
  static void discard(const RecoverableScript& orphan);

  const QString& directory() const { return directory_; }

 private:
  QString directory_;
  QString base_;  // this window's files: base_ + ".py", ".path", ".lock"
  std::unique_ptr<QLockFile> lock_;
};

}  // namespace memlens::workbench
