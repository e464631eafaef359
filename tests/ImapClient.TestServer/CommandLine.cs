namespace ImapClient.TestServer;

/// <summary>The exe's arguments: <c>[--seed rfc3501] [-- command args...]</c>.</summary>
internal sealed record CommandLine(string? Seed, IReadOnlyList<string> Command)
{
    public const string Usage =
        "usage: ImapClient.TestServer [--seed rfc3501] [-- command args...]\n"
        + "  Runs a private Dovecot. With a command: runs it with {host} {port} {tlsport} replaced, then stops.\n"
        + "  Without: serves until stdin closes or Ctrl+C.";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? seed = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--":
                    return new CommandLine(seed, [.. args.Skip(i + 1)]);
                case "--seed" when i + 1 < args.Count && args[i + 1] == "rfc3501":
                    seed = args[++i];
                    break;
                default:
                    throw new FormatException($"Unexpected argument '{args[i]}'.");
            }
        }

        return new CommandLine(seed, []);
    }

    public IEnumerable<string> ExpandCommand(DovecotServer server) =>
        Command.Select(arg => arg
            .Replace("{host}", server.Host, StringComparison.Ordinal)
            .Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{tlsport}", server.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
}
