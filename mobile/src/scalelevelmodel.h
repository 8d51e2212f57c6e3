// The levels of the model's mastery scale, for level chips and legends.
#pragma once

#include "records.h"

#include <QAbstractListModel>
#include <QtQmlIntegration>

class ScaleLevelModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ObservationDraft and EmployeeDetail.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { LevelRole = Qt::UserRole + 1, LabelRole, MasteredRole };
    Q_ENUM(Role)

    explicit ScaleLevelModel(QObject *parent = nullptr);

    void setModel(const ModelInfo &model);
    [[nodiscard]] int count() const { return int(m_levels.size()); }
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    QList<ScaleLevel> m_levels;
    int m_threshold = 0;
};
