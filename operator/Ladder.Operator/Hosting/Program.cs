using Ladder.Operator.Hosting;

return await OperatorCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
