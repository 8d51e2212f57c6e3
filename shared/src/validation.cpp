// implementation pending in this commit series
