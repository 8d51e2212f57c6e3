// The team dashboard, computed on the phone, offline, with shared/'s indicator code: mastery per dimension,
// transformation and deployment rates, coverage, the weekly learning curve, and who is due. Rates are NaN when
// undefined (a zero denominator), never 0.
//
// Threading: GUI thread only.
#pragma once

#include "storewatch.h"
#include "dimensionfiguresmodel.h"
#include "dueemployeemodel.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQmlIntegration>

class LocalStore;
Q_MOC_INCLUDE("localstore.h")

class TeamDashboard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LocalStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QStringList unitNames READ unitNames NOTIFY unitsChanged)
    Q_PROPERTY(int unitIndex READ unitIndex WRITE setUnitIndex NOTIFY unitIndexChanged)
    Q_PROPERTY(QString unitName READ unitName NOTIFY figuresChanged)
    Q_PROPERTY(qreal transformationRate READ transformationRate NOTIFY figuresChanged)
    Q_PROPERTY(qreal deploymentRate READ deploymentRate NOTIFY figuresChanged)
    Q_PROPERTY(qreal coverage READ coverage NOTIFY figuresChanged)
    Q_PROPERTY(int activeEmployees READ activeEmployees NOTIFY figuresChanged)
    Q_PROPERTY(int assessedEmployees READ assessedEmployees NOTIFY figuresChanged)
    Q_PROPERTY(int accompaniedEmployees READ accompaniedEmployees NOTIFY figuresChanged)
    Q_PROPERTY(int observationCount READ observationCount NOTIFY figuresChanged)
    Q_PROPERTY(int activityCount READ activityCount NOTIFY figuresChanged)
    Q_PROPERTY(int periodDays READ periodDays CONSTANT)
    Q_PROPERTY(int windowDays READ windowDays CONSTANT)
    Q_PROPERTY(qreal masteryThreshold READ masteryThreshold NOTIFY figuresChanged)
    Q_PROPERTY(QStringList seriesLabels READ seriesLabels NOTIFY figuresChanged)
    Q_PROPERTY(QList<qreal> seriesTransformation READ seriesTransformation NOTIFY figuresChanged)
    Q_PROPERTY(QList<qreal> seriesDeployment READ seriesDeployment NOTIFY figuresChanged)
    Q_PROPERTY(DimensionFiguresModel *dimensions READ dimensions CONSTANT)
    Q_PROPERTY(DueEmployeeModel *due READ due CONSTANT)

public:
    explicit TeamDashboard(QObject *parent = nullptr);

    [[nodiscard]] LocalStore *store() const { return m_watch.store(); }
    void setStore(LocalStore *store);
    [[nodiscard]] QStringList unitNames() const;
    [[nodiscard]] int unitIndex() const { return m_unitIndex; }
    void setUnitIndex(int index);
    [[nodiscard]] QString unitName() const { return m_unitName; }
    [[nodiscard]] qreal transformationRate() const { return m_transformationRate; }
    [[nodiscard]] qreal deploymentRate() const { return m_deploymentRate; }
    [[nodiscard]] qreal coverage() const { return m_coverage; }
    [[nodiscard]] int activeEmployees() const { return m_activeEmployees; }
    [[nodiscard]] int assessedEmployees() const { return m_assessedEmployees; }
    [[nodiscard]] int accompaniedEmployees() const { return m_accompaniedEmployees; }
    [[nodiscard]] int observationCount() const { return m_observationCount; }
    [[nodiscard]] int activityCount() const { return m_activityCount; }
    [[nodiscard]] int periodDays() const;
    [[nodiscard]] int windowDays() const;
    [[nodiscard]] qreal masteryThreshold() const { return m_masteryThreshold; }
    [[nodiscard]] QStringList seriesLabels() const { return m_seriesLabels; }
    [[nodiscard]] QList<qreal> seriesTransformation() const { return m_seriesTransformation; }
    [[nodiscard]] QList<qreal> seriesDeployment() const { return m_seriesDeployment; }
    [[nodiscard]] DimensionFiguresModel *dimensions() { return &m_dimensions; }
    [[nodiscard]] DueEmployeeModel *due() { return &m_due; }

    Q_INVOKABLE void refresh();

    static constexpr int seriesWeeks = 12;

Q_SIGNALS:
    void storeChanged();
    void unitsChanged();
    void unitIndexChanged();
    void figuresChanged();

private:
    struct UnitChoice {
        QString id;
        QString name;
    };

    StoreWatch m_watch{this, StoreWatch::Records | StoreWatch::ReferenceData, [this] { refresh(); }};
    QList<UnitChoice> m_units;
    int m_unitIndex = 0;
    QString m_unitName;
    qreal m_transformationRate = 0;
    qreal m_deploymentRate = 0;
    qreal m_coverage = 0;
    int m_activeEmployees = 0;
    int m_assessedEmployees = 0;
    int m_accompaniedEmployees = 0;
    int m_observationCount = 0;
    int m_activityCount = 0;
    qreal m_masteryThreshold = 0;
    QStringList m_seriesLabels;
    QList<qreal> m_seriesTransformation;
    QList<qreal> m_seriesDeployment;
    DimensionFiguresModel m_dimensions;
    DueEmployeeModel m_due;
    // Coalesces the store's change signals (a save or a pull page emits several) into one refresh, run from the
    // event loop right after the change, before the next frame.
};
