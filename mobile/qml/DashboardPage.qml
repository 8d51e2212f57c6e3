// The team dashboard, computed on the phone with the same indicator code as the server: headline rates, mastery
// per dimension, the learning curve, and who is due.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Floorwalk

Page {
    id: root

    signal employeeOpened(string employeeId)
    signal backRequested()

    background: Rectangle { color: Theme.background }

    TeamDashboard {
        id: dashboard
        store: Store
    }

    header: PageHeader {
        title: qsTr("Team dashboard")
        subtitle: dashboard.unitName
        onBackClicked: root.backRequested()
    }

    Flickable {
        id: flick
        objectName: "dashboardFlick"
        anchors.fill: parent
        contentHeight: content.implicitHeight + 32
        clip: true

        ColumnLayout {
            id: content
            x: 12
            y: 12
            width: flick.width - 24
            spacing: 12

            ItemDelegate {
                id: unitSelector
                objectName: "unitSelector"
                Layout.fillWidth: true
                visible: dashboard.unitNames.length > 1
                text: dashboard.unitName
                // Unit names are the server's: shown as written, never as markup (Qt's own label would).
                contentItem: Label {
                    textFormat: Text.PlainText
                    text: unitSelector.text
                    font: unitSelector.font
                    color: Theme.textPrimary
                    elide: Text.ElideRight
                    verticalAlignment: Text.AlignVCenter
                }
                background: Rectangle { radius: Theme.smallRadius; color: Theme.surface; border.color: Theme.divider }
                onClicked: unitMenu.popup(unitSelector, 0, unitSelector.height)
                PopupMenu {
                    id: unitMenu
                    Repeater {
                        model: dashboard.unitNames
                        delegate: MenuItem {
                            id: unitItem
                            required property int index
                            required property string modelData
                            text: modelData
                            contentItem: Label {
                                textFormat: Text.PlainText
                                text: unitItem.text
                                font: unitItem.font
                                color: Theme.textPrimary
                                elide: Text.ElideRight
                                verticalAlignment: Text.AlignVCenter
                            }
                            onTriggered: dashboard.unitIndex = index
                        }
                    }
                }
            }

            Label {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("%1 active employees · %2 observations and %3 coaching activities in the last %4 days")
                        .arg(dashboard.activeEmployees).arg(dashboard.observationCount)
                        .arg(dashboard.activityCount).arg(dashboard.periodDays)
                font.pixelSize: Theme.captionSize
                color: Theme.textSecondary
                wrapMode: Text.WordWrap
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                RateTile {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    title: qsTr("Transformation")
                    detail: qsTr("dimensions mastered")
                    value: dashboard.transformationRate
                    color: Theme.primary
                }
                RateTile {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    title: qsTr("Deployment")
                    detail: qsTr("%1 of %2 accompanied").arg(dashboard.accompaniedEmployees).arg(dashboard.activeEmployees)
                    value: dashboard.deploymentRate
                    color: Theme.success
                }
                RateTile {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    title: qsTr("Coverage")
                    detail: qsTr("%1 assessed").arg(dashboard.assessedEmployees)
                    value: dashboard.coverage
                    color: Theme.accent
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: masteryColumn.implicitHeight + 28
                ColumnLayout {
                    id: masteryColumn
                    anchors.fill: parent
                    anchors.margins: 14
                    spacing: 12
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: qsTr("Mastery per dimension")
                        font.pixelSize: 16
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    MasteryBars {
                        Layout.fillWidth: true
                        model: dashboard.dimensions
                    }
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Share of assessed employees at level %1 or above, over the last %2 days.")
                                .arg(dashboard.masteryThreshold).arg(dashboard.windowDays)
                        font.pixelSize: Theme.smallSize + 1
                        color: Theme.textSecondary
                        wrapMode: Text.WordWrap
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: curveColumn.implicitHeight + 28
                ColumnLayout {
                    id: curveColumn
                    anchors.fill: parent
                    anchors.margins: 14
                    spacing: 8
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: qsTr("Learning curve")
                        font.pixelSize: 16
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    LineChart {
                        Layout.fillWidth: true
                        labels: dashboard.seriesLabels
                        series: [
                            { name: qsTr("Transformation"), color: Theme.primary, values: dashboard.seriesTransformation },
                            { name: qsTr("Deployment"), color: Theme.success, values: dashboard.seriesDeployment }
                        ]
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: dueColumn.implicitHeight + 28
                ColumnLayout {
                    id: dueColumn
                    anchors.fill: parent
                    anchors.margins: 14
                    spacing: 4
                    Label {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        text: qsTr("Due for a visit (%1)").arg(dashboard.due.count)
                        font.pixelSize: 16
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Label {
                        textFormat: Text.PlainText
                        visible: dashboard.due.count === 0
                        text: qsTr("Everyone was accompanied recently.")
                        font.pixelSize: Theme.captionSize
                        color: Theme.success
                    }
                    Repeater {
                        model: dashboard.due
                        delegate: ItemDelegate {
                            required property string employeeId
                            required property string name
                            required property string team
                            required property int daysSinceAccompanied
                            Layout.fillWidth: true
                            implicitHeight: 48
                            leftPadding: 0
                            rightPadding: 0
                            contentItem: RowLayout {
                                Label {
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: name
                                    font.pixelSize: 14
                                    color: Theme.textPrimary
                                    elide: Text.ElideRight
                                }
                                Label {
                                    textFormat: Text.PlainText
                                    text: daysSinceAccompanied < 0 ? qsTr("never accompanied")
                                                                   : qsTr("%n day(s) ago", "", daysSinceAccompanied)
                                    font.pixelSize: Theme.captionSize
                                    color: Theme.warning
                                }
                            }
                            onClicked: root.employeeOpened(employeeId)
                        }
                    }
                }
            }
        }
    }
}
