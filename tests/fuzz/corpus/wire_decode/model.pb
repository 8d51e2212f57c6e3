
cx-demoCustomer experience model">
Discovering

Developing
	Mastering

Expert*J
welcomeWelcomeEvery customer feels noticed"Greets within 30 seconds*4
closingClosing" Suggests a complementary product