#pragma once

#include <QPointer>
#include <QTimer>

#include <functional>

class LocalStore;

// A model's link to the LocalStore it shows: follows the chosen change signals and calls the model's refresh once
// per event-loop turn however many of them fire, so a sync that stores 500 records refreshes a screen once.
class StoreWatch
{
public:
    enum Change { Records = 0x1, ReferenceData = 0x2, Outbox = 0x4 };

    // `refresh` runs in `owner`'s context, and never after `owner` is destroyed.
    StoreWatch(QObject *owner, int changes, std::function<void()> refresh);

    // Follows `store` (nullptr: none) instead of the current one; false, doing nothing, when it already does.
    bool follow(LocalStore *store);
    [[nodiscard]] LocalStore *store() const { return m_store; }

private:
    QPointer<LocalStore> m_store;
    QTimer m_refreshSoon;
    int m_changes;
};
