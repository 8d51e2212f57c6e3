

demo-retailDemo Retail 
F
provence-alpes-cote-azurdemo-retailProvence-Alpes-Côte d'Azur 
9
nice-massenaprovence-alpes-cote-azurNice Masséna 