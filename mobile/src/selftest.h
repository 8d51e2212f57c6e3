// `floorwalk --self-test`: compiles every QML file of the module, then opens every screen of Main.qml, and fails
// on any QML error or warning. Exit code 0 or 1.
#pragma once

class QQmlApplicationEngine;

namespace SelfTest {

[[nodiscard]] int run(QQmlApplicationEngine &engine);

}  // namespace SelfTest
