// A small upper-case caption above a group of rows or cards.
import QtQuick

Text {
    textFormat: Text.PlainText
    leftPadding: Theme.margin
    rightPadding: Theme.margin
    topPadding: 14
    bottomPadding: 6
    font.pixelSize: Theme.captionSize
    font.weight: Font.DemiBold
    font.capitalization: Font.AllUppercase
    font.letterSpacing: 0.6
    color: Theme.textSecondary
    elide: Text.ElideRight
}
