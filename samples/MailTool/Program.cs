// MailTool: a small IMAP command-line client built on ImapClient.
//
//   MailTool --host imap.example.org --user ann list
//   MailTool --host imap.example.org --user ann newest 10 [mailbox]
//   MailTool --host imap.example.org --user ann save 4711 message.eml [mailbox]
//   MailTool --host imap.example.org --user ann watch [mailbox]
//
// The password comes from --password or the IMAP_PASSWORD environment variable. Run without arguments for the
// options. Ctrl+C cancels what is running (and ends "watch"); the tool still signs out properly.
using MailTool;

CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

// Ctrl+C cancels this token, which every call below takes. The first Ctrl+C lets the tool finish cleanly;
// a second one ends the process at once.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

try
{
    await using var imap = await Connection.OpenAsync(commandLine.Connection, cancel.Token);
    var token = cancel.Token;
    await (commandLine.Command switch
    {
        "list" => Commands.ListAsync(imap, token),
        "newest" => Commands.NewestAsync(imap, commandLine.NumberArgument, commandLine.MailboxArgument(1), token),
        "save" => Commands.SaveAsync(imap, commandLine.NumberArgument, commandLine.Arguments[1], commandLine.MailboxArgument(2), token),
        "watch" => Commands.WatchAsync(imap, commandLine.MailboxArgument(0), token),
        _ => throw new InvalidOperationException($"no such command: {commandLine.Command}"),
    });

    // Not cancellable by Ctrl+C (the token may already be cancelled after "watch"); ImapConnectionOptions.CommandTimeout bounds it.
    await imap.LogoutAsync(CancellationToken.None);
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (Exception ex)
{
    // ImapCommandException (the server said NO or BAD), ImapConnectionException (the connection failed),
    // AuthenticationException (wrong password, or no mechanism allowed), IOException (the file) …: one line each.
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
