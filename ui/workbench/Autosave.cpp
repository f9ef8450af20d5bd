#include "workbench/Autosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>

namespace memlens::workbench {

namespace {

bool writeAtomically(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

Autosave::Autosave(QString directory) : directory_(std::move(directory)) {
  QDir().mkpath(directory_);
  base_ = QDir(directory_)
              .filePath(QStringLiteral("session-") +
                        QUuid::createUuid().toString(QUuid::WithoutBraces));
  lock_ = std::make_unique<QLockFile>(base_ + QStringLiteral(".lock"));
  lock_->setStaleLockTime(0);  // a crashed window's lock is found by its dead PID, not its age
  lock_->tryLock(0);
}

Autosave::~Autosave() {
  // A window that closes normally has saved or discarded its text already;
  // what remains here is what the user chose to drop.
  clear();
}

bool Autosave::save(const QString& text, const QString& originalPath) {
  return writeAtomically(base_ + QStringLiteral(".path"), originalPath.toUtf8()) &&
         writeAtomically(base_ + QStringLiteral(".py"), text.toUtf8());
}

void Autosave::clear() {
  QFile::remove(base_ + QStringLiteral(".py"));
  QFile::remove(base_ + QStringLiteral(".path"));
}

std::vector<RecoverableScript> Autosave::orphans() const {
  std::vector<RecoverableScript> found;
  const QDir dir(directory_);
  for (const QFileInfo& script : dir.entryInfoList({QStringLiteral("session-*.py")}, QDir::Files)) {
    const QString base = script.absolutePath() + u'/' + script.completeBaseName();
    if (base == QFileInfo(base_).absoluteFilePath()) continue;
    QLockFile lock(base + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    // Held: that window is still running and keeps its own text.
    if (!lock.tryLock(0)) continue;
    lock.unlock();
    found.push_back({script.absoluteFilePath(),
                     QString::fromUtf8(readAll(base + QStringLiteral(".path"))),
                     script.lastModified(), QString::fromUtf8(readAll(script.absoluteFilePath()))});
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.savedAt > b.savedAt; });
  return found;
}

void Autosave::discard(const RecoverableScript& orphan) {
  const QFileInfo script(orphan.autosavePath);
  const QString base = script.absolutePath() + u'/' + script.completeBaseName();
  QFile::remove(orphan.autosavePath);
  QFile::remove(base + QStringLiteral(".path"));
  QFile::remove(base + QStringLiteral(".lock"));
}

}  // namespace memlens::workbench
