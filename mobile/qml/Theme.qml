// Colours, sizes and the few formatting rules every screen shares, so the app looks like one product.
pragma Singleton
import QtQuick
import Floorwalk

QtObject {
    readonly property color primary: "#1D4F91"
    readonly property color primaryLight: "#E8EFF9"
    readonly property color accent: "#E8871E"
    readonly property color background: "#F3F5F9"
    readonly property color surface: "#FFFFFF"
    readonly property color textPrimary: "#18202E"
    readonly property color textSecondary: "#5E6A7D"
    readonly property color textDisabled: "#9AA4B5"
    readonly property color divider: "#E2E6EE"
    readonly property color success: "#2E7D4F"
    readonly property color successLight: "#E5F4EB"
    readonly property color warning: "#C66A00"
    readonly property color warningLight: "#FDF0E1"
    readonly property color danger: "#B3261E"
    readonly property color dangerLight: "#FBE9E7"
    readonly property color noData: "#D5DAE3"

    readonly property int radius: 12
    readonly property int smallRadius: 8
    readonly property int margin: 16
    readonly property int spacing: 12
    readonly property int touchTarget: 48

    readonly property real titleSize: 20
    readonly property real bodySize: 15
    readonly property real captionSize: 13
    readonly property real smallSize: 11

    // A level's colour on the mastery scale: warm below the threshold, green at and above it, grey when none.
    function levelColor(level, minLevel, maxLevel, threshold) {
        if (!level || level <= 0)
            return noData
        if (level >= threshold) {
            const top = Math.max(1, maxLevel - threshold)
            return Qt.tint("#43A36B", Qt.rgba(0.11, 0.37, 0.22, (level - threshold) / top * 0.6))
        }
        const span = Math.max(1, threshold - minLevel)
        return Qt.tint("#F2B45A", Qt.rgba(0.75, 0.30, 0.05, (threshold - 1 - level) / span * 0.8))
    }

    // "20 Nov" this year, "20 Nov 2025" before; a dash for no date. In the app's language.
    function shortDate(date) {
        if (!date || isNaN(date.getTime()))
            return "—"
        const sameYear = date.getFullYear() === new Date().getFullYear()
        return date.toLocaleDateString(Qt.locale(Language.localeName), sameYear ? "d MMM" : "d MMM yyyy")
    }

    // "20 Nov, 16:02".
    function dateTime(date) {
        if (!date || isNaN(date.getTime()))
            return "—"
        const sameYear = date.getFullYear() === new Date().getFullYear()
        return date.toLocaleString(Qt.locale(Language.localeName), sameYear ? "d MMM, HH:mm" : "d MMM yyyy, HH:mm")
    }

    // "Friday 20 November 2026".
    function longDate(date) {
        return date.toLocaleDateString(Qt.locale(Language.localeName), "dddd d MMMM yyyy")
    }

    // A rate in [0, 1] as a whole percentage; an undefined rate (NaN) is a dash, never 0 %.
    function percent(rate) {
        return isNaN(rate) ? "—" : qsTr("%1%").arg(Math.round(rate * 100))
    }
}
