using System.Globalization;
using ImapClient;

namespace MailTool;

/// <summary>Where to connect and how to sign in, from the command line.</summary>
internal sealed record ConnectionSettings(string Host, int Port, ImapSecurity Security, string User, string Password, bool AllowPlaintext);

/// <summary>The parsed command line: connection settings, a command and its arguments.</summary>
internal sealed record CommandLine(ConnectionSettings Connection, string Command, IReadOnlyList<string> Arguments)
{
    public const string Usage = """
        usage: MailTool --host HOST --user USER [options] <command> [arguments]

        commands:
          list                          mailboxes with their message and unseen counts
          newest N [mailbox]            date, sender and subject of the newest N messages (mailbox: INBOX)
          save UID file.eml [mailbox]   download one message, byte for byte, into a file (mailbox: INBOX)
          watch [mailbox]               report new, expunged and changed messages as they happen, until Ctrl+C

        options:
          --host HOST                   the IMAP server
          --port PORT                   default: 993 with --tls implicit, 143 otherwise
          --user USER                   the user name
          --password PASSWORD           default: the IMAP_PASSWORD environment variable
          --tls implicit|starttls|none  default: implicit (TLS from the first byte)
          --insecure-allow-plaintext    let a password cross a connection without TLS (--tls none; local test servers only)
        """;

    private static readonly Dictionary<string, int> ArgumentCounts = new()
    {
        ["list"] = 0,
        ["newest"] = 1,
        ["save"] = 2,
        ["watch"] = 0,
    };

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? host = null, user = null, port = null;
        var password = Environment.GetEnvironmentVariable("IMAP_PASSWORD");
        var tls = "implicit";
        var allowPlaintext = false;
        var positional = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--host": host = Value(args, ref i); break;
                case "--port": port = Value(args, ref i); break;
                case "--user": user = Value(args, ref i); break;
                case "--password": password = Value(args, ref i); break;
                case "--tls": tls = Value(args, ref i); break;
                case "--insecure-allow-plaintext": allowPlaintext = true; break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"unknown option {option}");
                default: positional.Add(args[i]); break;
            }
        }

        var security = tls switch
        {
            "implicit" => ImapSecurity.ImplicitTls,
            "starttls" => ImapSecurity.StartTlsRequired,
            "none" => ImapSecurity.None,
            _ => throw new ArgumentException($"--tls must be implicit, starttls or none, not '{tls}'"),
        };
        var portNumber = security == ImapSecurity.ImplicitTls ? 993 : 143;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            throw new ArgumentException($"--port must be a port number, not '{port}'");
        }

        if (host is null || user is null)
        {
            throw new ArgumentException("--host and --user are required");
        }

        if (password is null)
        {
            throw new ArgumentException("give the password with --password or the IMAP_PASSWORD environment variable");
        }

        if (positional.Count == 0 || !ArgumentCounts.TryGetValue(positional[0], out var required))
        {
            throw new ArgumentException(positional.Count == 0 ? "no command" : $"unknown command '{positional[0]}'");
        }

        // Each command takes its required arguments and one optional mailbox name.
        var arguments = positional.Skip(1).ToList();
        if (arguments.Count < required || arguments.Count > required + 1)
        {
            throw new ArgumentException($"wrong number of arguments for {positional[0]}");
        }

        if (positional[0] == "newest" && !(int.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0))
        {
            throw new ArgumentException($"newest needs a number of messages, not '{arguments[0]}'");
        }

        if (positional[0] == "save" && !(uint.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid > 0))
        {
            throw new ArgumentException($"save needs a message UID, not '{arguments[0]}'");
        }

        return new CommandLine(new ConnectionSettings(host, portNumber, security, user, password, allowPlaintext), positional[0], arguments);
    }

    /// <summary>The command's first argument as a number (checked by <see cref="Parse"/>).</summary>
    public uint NumberArgument => uint.Parse(Arguments[0], CultureInfo.InvariantCulture);

    /// <summary>The optional mailbox argument after the command's <paramref name="required"/> ones; INBOX when absent.</summary>
    public string MailboxArgument(int required) => Arguments.Count > required ? Arguments[required] : "INBOX";

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
