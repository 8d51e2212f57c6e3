
demohqdemo1234"phone:1