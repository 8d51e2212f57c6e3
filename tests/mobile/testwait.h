// Bounded waits on the Qt event loop for the mobile tests: every wait has a deadline, none is a timed assertion.
#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <functional>

namespace TestWait {

// Spins the event loop until `done` holds or `timeoutMs` passes; returns the last value of `done`.
inline bool until(const std::function<bool()> &done, int timeoutMs = 20000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return done();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

// Lets the event loop run what is queued now: the models refresh from the event loop after a store change.
inline void settle()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

}  // namespace TestWait
