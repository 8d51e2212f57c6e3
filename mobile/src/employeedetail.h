// The employee page: who he is, his current level per dimension with its trend, his observation history, and his
// mastery share week by week (the personal learning curve), all computed with shared/'s assessment rule.
//
// Threading: GUI thread only.
#pragma once

#include "storewatch.h"
#include "dimensionlevelmodel.h"
#include "observationhistorymodel.h"
#include "scalelevelmodel.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QtQmlIntegration>

class LocalStore;
Q_MOC_INCLUDE("localstore.h")

class EmployeeDetail : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LocalStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString employeeId READ employeeId WRITE setEmployeeId NOTIFY employeeIdChanged)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString jobTitle READ jobTitle NOTIFY changed)
    Q_PROPERTY(QString team READ team NOTIFY changed)
    Q_PROPERTY(QDateTime lastObservedAt READ lastObservedAt NOTIFY changed)
    Q_PROPERTY(int daysSinceAccompanied READ daysSinceAccompanied NOTIFY changed)
    Q_PROPERTY(bool due READ due NOTIFY changed)
    Q_PROPERTY(int dueAfterDays READ dueAfterDays NOTIFY changed)
    Q_PROPERTY(int masteredCount READ masteredCount NOTIFY changed)
    Q_PROPERTY(int assessedCount READ assessedCount NOTIFY changed)
    Q_PROPERTY(int minLevel READ minLevel NOTIFY changed)
    Q_PROPERTY(int maxLevel READ maxLevel NOTIFY changed)
    Q_PROPERTY(int masteryThreshold READ masteryThreshold NOTIFY changed)
    Q_PROPERTY(QStringList trendLabels READ trendLabels NOTIFY changed)
    Q_PROPERTY(QList<qreal> trendValues READ trendValues NOTIFY changed)
    Q_PROPERTY(DimensionLevelModel *levels READ levels CONSTANT)
    Q_PROPERTY(ObservationHistoryModel *history READ history CONSTANT)
    Q_PROPERTY(ScaleLevelModel *scale READ scale CONSTANT)

public:
    explicit EmployeeDetail(QObject *parent = nullptr);

    [[nodiscard]] LocalStore *store() const { return m_watch.store(); }
    void setStore(LocalStore *store);
    [[nodiscard]] QString employeeId() const { return m_employeeId; }
    void setEmployeeId(const QString &id);

    [[nodiscard]] QString name() const { return m_employee.displayName; }
    [[nodiscard]] QString jobTitle() const { return m_employee.jobTitle; }
    [[nodiscard]] QString team() const { return m_team; }
    [[nodiscard]] QDateTime lastObservedAt() const { return m_lastObservedAt; }
    [[nodiscard]] int daysSinceAccompanied() const { return m_daysSinceAccompanied; }
    [[nodiscard]] bool due() const { return m_due; }
    [[nodiscard]] int dueAfterDays() const { return m_dueAfterDays; }
    [[nodiscard]] int masteredCount() const { return m_mastered; }
    [[nodiscard]] int assessedCount() const { return m_assessed; }
    [[nodiscard]] int minLevel() const { return m_model.minLevel(); }
    [[nodiscard]] int maxLevel() const { return m_model.maxLevel(); }
    [[nodiscard]] int masteryThreshold() const { return m_model.masteryThreshold; }
    // Week labels ("W05") and the share of his assessed dimensions that are mastered at each week's end; NaN for
    // a week with no assessment (undefined, not 0).
    [[nodiscard]] QStringList trendLabels() const { return m_trendLabels; }
    [[nodiscard]] QList<qreal> trendValues() const { return m_trendValues; }
    [[nodiscard]] DimensionLevelModel *levels() { return &m_levels; }
    [[nodiscard]] ObservationHistoryModel *history() { return &m_history; }
    [[nodiscard]] ScaleLevelModel *scale() { return &m_scale; }

    Q_INVOKABLE void refresh();

    // Weeks shown by the learning curve.
    static constexpr int trendWeeks = 12;

Q_SIGNALS:
    void storeChanged();
    void employeeIdChanged();
    void changed();

private:
    StoreWatch m_watch{this, StoreWatch::Records | StoreWatch::ReferenceData, [this] { refresh(); }};
    QString m_employeeId;
    EmployeeRecord m_employee;
    ModelInfo m_model;
    QString m_team;
    QDateTime m_lastObservedAt;
    int m_daysSinceAccompanied = -1;
    bool m_due = false;
    int m_dueAfterDays = 30;
    int m_mastered = 0;
    int m_assessed = 0;
    QStringList m_trendLabels;
    QList<qreal> m_trendValues;
    DimensionLevelModel m_levels;
    ObservationHistoryModel m_history;
    ScaleLevelModel m_scale;
    // Coalesces the store's change signals (a save or a pull page emits several) into one refresh, run from the
    // event loop right after the change, before the next frame.
};
