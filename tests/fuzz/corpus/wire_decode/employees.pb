
4
FR19999paris-operaLéa Martin"Sales advisor(
"
FR10002paris-opera
Hugo Petit