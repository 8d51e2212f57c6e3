// One employee's observations, newest first, with where each stands between phone and server.
#pragma once

#include "records.h"

#include <QAbstractListModel>
#include <QtQmlIntegration>

class ObservationHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by EmployeeDetail.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        ObservationIdRole = Qt::UserRole + 1,
        ObservedAtRole,    // QDateTime
        SyncStateRole,     // SyncState
        OwnRole,           // made by the signed-in manager (so he may edit it)
        CommentRole,
        CoachingActionRole,
        LevelsRole,        // QList<int> in model dimension order, 0 when not rated
        RatedCountRole,
        AverageLevelRole   // qreal
    };
    Q_ENUM(Role)

    // LocalState, as QML sees it.
    enum SyncState { Synced = int(LocalState::Synced), Pending = int(LocalState::Pending),
                     NeedsAttention = int(LocalState::NeedsAttention) };
    Q_ENUM(SyncState)

    explicit ObservationHistoryModel(QObject *parent = nullptr);
    void reset(const QList<ObservationRecord> &observations, const ModelInfo &model, const QString &userId);

    [[nodiscard]] int count() const { return int(m_rows.size()); }
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        ObservationRecord record;
        bool own = false;
        QList<int> levels;
        qreal average = 0;
    };
    QList<Row> m_rows;
};
