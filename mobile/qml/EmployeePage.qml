// The employee page: current level per dimension with its trend, the personal learning curve, and the history of
// observations (his own ones the manager can edit).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    required property string employeeId

    signal observeRequested(string employeeId)
    signal editRequested(string observationId)
    signal activityRequested(string employeeId)
    signal backRequested()

    background: Rectangle { color: Theme.background }

    EmployeeDetail {
        id: detail
        store: Store
        employeeId: root.employeeId
    }

    header: PageHeader {
        title: detail.name
        subtitle: detail.jobTitle.length ? qsTr("%1 · %2").arg(detail.jobTitle).arg(detail.team) : detail.team
        onBackClicked: root.backRequested()
        IconButton {
            objectName: "employeeActivityButton"
            iconPath: Icons.people
            iconColor: "white"
            toolTip: qsTr("Log a coaching activity")
            onClicked: root.activityRequested(root.employeeId)
        }
    }

    ListView {
        id: list
        objectName: "historyList"
        anchors.fill: parent
        clip: true
        spacing: 10
        leftMargin: 12
        rightMargin: 12
        topMargin: 12
        bottomMargin: 96
        model: detail.history

        header: ColumnLayout {
            width: list.width - list.leftMargin - list.rightMargin
            spacing: 10

            Card {
                Layout.fillWidth: true
                implicitHeight: summary.implicitHeight + 24
                RowLayout {
                    id: summary
                    anchors.fill: parent
                    anchors.margins: 12
                    spacing: 12
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            textFormat: Text.PlainText
                            text: detail.assessedCount > 0
                                  ? qsTr("%1 of %2 dimensions mastered").arg(detail.masteredCount).arg(detail.assessedCount)
                                  : qsTr("No recent assessment")
                            font.pixelSize: 16
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        Label {
                            textFormat: Text.PlainText
                            text: isNaN(detail.lastObservedAt.getTime())
                                  ? qsTr("Never observed")
                                  : qsTr("Last observed %1").arg(Theme.longDate(detail.lastObservedAt))
                            font.pixelSize: Theme.captionSize
                            color: Theme.textSecondary
                        }
                    }
                    Rectangle {
                        visible: detail.due
                        implicitWidth: dueText.implicitWidth + 16
                        implicitHeight: 26
                        radius: 13
                        color: Theme.warningLight
                        Label {
                            textFormat: Text.PlainText
                            id: dueText
                            anchors.centerIn: parent
                            text: detail.daysSinceAccompanied < 0 ? qsTr("Due · never")
                                                                  : qsTr("Due · %n day(s)", "", detail.daysSinceAccompanied)
                            font.pixelSize: Theme.smallSize + 1
                            font.weight: Font.DemiBold
                            color: Theme.warning
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: levelsColumn.implicitHeight + 24
                ColumnLayout {
                    id: levelsColumn
                    anchors.fill: parent
                    anchors.margins: 12
                    spacing: 10
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: qsTr("Current level per dimension")
                        font.pixelSize: 15
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Repeater {
                        model: detail.levels
                        delegate: RowLayout {
                            required property string name
                            required property int level
                            required property string label
                            required property int trend
                            required property bool mastered
                            Layout.fillWidth: true
                            spacing: 10
                            Label {
                                textFormat: Text.PlainText
                                Layout.preferredWidth: 128
                                Layout.maximumWidth: 128
                                text: name
                                font.pixelSize: 14
                                color: Theme.textPrimary
                                elide: Text.ElideRight
                            }
                            Rectangle {
                                Layout.fillWidth: true
                                implicitHeight: 10
                                radius: 5
                                color: Theme.noData
                                Rectangle {
                                    width: level > 0 ? parent.width * (level - detail.minLevel + 1) / (detail.maxLevel - detail.minLevel + 1) : 0
                                    height: parent.height
                                    radius: 5
                                    color: Theme.levelColor(level, detail.minLevel, detail.maxLevel, detail.masteryThreshold)
                                }
                            }
                            Label {
                                textFormat: Text.PlainText
                                Layout.preferredWidth: 76
                                text: level > 0 ? label : qsTr("—")
                                font.pixelSize: Theme.captionSize
                                color: mastered ? Theme.success : Theme.textSecondary
                                elide: Text.ElideRight
                            }
                            Icon {
                                size: 18
                                path: trend > 0 ? Icons.trendingUp : trend < 0 ? Icons.trendingDown : Icons.trendingFlat
                                color: trend > 0 ? Theme.success : trend < 0 ? Theme.danger : Theme.textDisabled
                            }
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: trendColumn.implicitHeight + 24
                ColumnLayout {
                    id: trendColumn
                    anchors.fill: parent
                    anchors.margins: 12
                    spacing: 6
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: qsTr("Dimensions mastered, week by week")
                        font.pixelSize: 15
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    LineChart {
                        Layout.fillWidth: true
                        chartHeight: 140
                        labels: detail.trendLabels
                        series: [{ name: qsTr("Mastered"), color: Theme.primary, values: detail.trendValues }]
                    }
                }
            }

            SectionHeader {
                leftPadding: 4
                text: qsTr("Observations (%1)").arg(detail.history.count)
            }
        }

        delegate: ObservationCard {
            width: list.width - list.leftMargin - list.rightMargin
            minLevel: detail.minLevel
            maxLevel: detail.maxLevel
            threshold: detail.masteryThreshold
            onEditRequested: (id) => root.editRequested(id)
        }
    }

    FloatingButton {
        objectName: "employeeObserveButton"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 20
        iconPath: Icons.observe
        text: qsTr("Observe")
        onClicked: root.observeRequested(root.employeeId)
    }
}
