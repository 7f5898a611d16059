// Scorers for public benchmarks, run on the CLI's output files by bench/*.sh.
Console.Error.WriteLine("usage: deepseek-observe-scoring <nab|loghub> ...");
return 2;
