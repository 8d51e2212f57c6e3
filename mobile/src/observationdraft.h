// The observation form: a new observation of one employee, or an edit of one of the manager's own. Saving commits
// the observation to the outbox (on disk) before returning; the sync engine sends it later.
//
// Threading: GUI thread only.
#pragma once

#include "dimensionratingmodel.h"
#include "records.h"
#include "scalelevelmodel.h"

#include <QObject>
#include <QPointer>
#include <QtQmlIntegration>

class LocalStore;
Q_MOC_INCLUDE("localstore.h")

class ObservationDraft : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LocalStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString employeeId READ employeeId WRITE setEmployeeId NOTIFY employeeChanged)
    Q_PROPERTY(QString observationId READ observationId WRITE setObservationId NOTIFY observationIdChanged)
    Q_PROPERTY(QString employeeName READ employeeName NOTIFY employeeChanged)
    Q_PROPERTY(QString teamName READ teamName NOTIFY employeeChanged)
    Q_PROPERTY(QString comment READ comment WRITE setComment NOTIFY commentChanged)
    Q_PROPERTY(QString coachingAction READ coachingAction WRITE setCoachingAction NOTIFY coachingActionChanged)
    Q_PROPERTY(QDateTime observedAt READ observedAt NOTIFY observationIdChanged)
    Q_PROPERTY(bool isEdit READ isEdit NOTIFY observationIdChanged)
    Q_PROPERTY(bool editable READ editable NOTIFY observationIdChanged)
    Q_PROPERTY(bool hasModel READ hasModel NOTIFY storeChanged)
    Q_PROPERTY(DimensionRatingModel *dimensions READ dimensions CONSTANT)
    Q_PROPERTY(ScaleLevelModel *scale READ scale CONSTANT)
    Q_PROPERTY(int ratedCount READ ratedCount NOTIFY ratingsChanged)
    Q_PROPERTY(bool canSave READ canSave NOTIFY canSaveChanged)
    Q_PROPERTY(int maxTextLength READ maxTextLength CONSTANT)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    explicit ObservationDraft(QObject *parent = nullptr);

    [[nodiscard]] LocalStore *store() const { return m_store; }
    void setStore(LocalStore *store);
    [[nodiscard]] QString employeeId() const { return m_record.employeeId; }
    void setEmployeeId(const QString &id);
    [[nodiscard]] QString observationId() const { return m_isEdit ? m_record.id : QString(); }
    // Loads one of the manager's observations for editing (or an attention record for fixing).
    void setObservationId(const QString &id);
    [[nodiscard]] QString employeeName() const { return m_employeeName; }
    [[nodiscard]] QString teamName() const { return m_teamName; }
    [[nodiscard]] QString comment() const { return m_record.comment; }
    void setComment(const QString &comment);
    [[nodiscard]] QString coachingAction() const { return m_record.coachingAction; }
    void setCoachingAction(const QString &action);
    [[nodiscard]] QDateTime observedAt() const { return m_record.observedAt; }
    [[nodiscard]] bool isEdit() const { return m_isEdit; }
    [[nodiscard]] bool editable() const { return m_editable; }
    [[nodiscard]] bool hasModel() const { return m_model.isValid(); }
    [[nodiscard]] DimensionRatingModel *dimensions() { return &m_dimensions; }
    [[nodiscard]] ScaleLevelModel *scale() { return &m_scale; }
    [[nodiscard]] int ratedCount() const { return m_dimensions.ratedCount(); }
    [[nodiscard]] bool canSave() const;
    [[nodiscard]] int maxTextLength() const;
    [[nodiscard]] QString errorText() const { return m_errorText; }

    // Taps on a level chip: sets the level of a dimension row (tapping the selected level again clears it).
    Q_INVOKABLE void toggleLevel(int row, int level);
    // Validates and commits; true once the observation is on disk. errorText says why otherwise.
    Q_INVOKABLE bool save();
    // Deletes the observation being edited (a tombstone revision, or nothing at all if never sent).
    Q_INVOKABLE bool remove();
    // The id the next save of a new observation will use (tests).
    [[nodiscard]] QString pendingId() const { return m_record.id; }

Q_SIGNALS:
    void storeChanged();
    void employeeChanged();
    void observationIdChanged();
    void commentChanged();
    void coachingActionChanged();
    void ratingsChanged();
    void canSaveChanged();
    void errorTextChanged();
    void saved(const QString &observationId);
    void removed(const QString &observationId);

private:
    void loadEmployee();
    void setError(const QString &text);
    [[nodiscard]] QString validate() const;

    QPointer<LocalStore> m_store;
    ModelInfo m_model;
    ObservationRecord m_record;
    QString m_requestedObservationId;
    bool m_isEdit = false;
    bool m_editable = true;
    QString m_employeeName;
    QString m_teamName;
    QString m_errorText;
    DimensionRatingModel m_dimensions;
    ScaleLevelModel m_scale;
};
