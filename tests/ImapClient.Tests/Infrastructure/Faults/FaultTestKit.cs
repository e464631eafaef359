using System.Diagnostics;
using System.Text;
using ImapClient.TestServer;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>Connections through a <see cref="FaultProxy"/>, seeded mailboxes with known content, and timing helpers.</summary>
internal static class FaultTestKit
{
    /// <summary>The user whose mailboxes fault tests create (each test its own mailbox).</summary>
    public const string User = "testuser";

    /// <summary>How long any awaited step may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static DovecotServer Server => DovecotFixture.Server;

    /// <summary>A proxy in front of the test Dovecot's plaintext port.</summary>
    public static FaultProxy StartProxy(Action<ProxiedConnection>? setup = null) => FaultProxy.Start(Server.Host, Server.Port, setup);

    /// <summary>
    /// Options for a fault test. With <paramref name="clock"/> (a fake one), every timeout of the connection runs on
    /// it: a timeout fires only when the test moves the clock, and never because the machine was slow.
    /// </summary>
    public static ImapConnectionOptions Options(TimeSpan commandTimeout, IImapProtocolLogger? logger = null, TimeProvider? clock = null) => new()
    {
        CommandTimeout = commandTimeout,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowPlaintextAuthentication = true,
        ProtocolLogger = logger,
        TimeProvider = clock ?? TimeProvider.System,
    };

    /// <summary>Connects through the proxy (or straight to Dovecot when null) and logs in as <see cref="User"/>.</summary>
    public static async Task<ImapConnection> LoginAsync(FaultProxy? proxy, TimeSpan commandTimeout, TimeProvider? clock = null)
    {
        var imap = await ImapConnection.ConnectAsync(
            proxy?.Host ?? Server.Host, proxy?.Port ?? Server.Port, ImapSecurity.None, Options(commandTimeout, clock: clock));
        await imap.LoginAsync(User, Server.Users[User]);
        return imap;
    }

    /// <summary>The text of line <paramref name="line"/> of message <paramref name="message"/>'s body, CRLF included.</summary>
    public static string BodyLine(int message, int line) => $"Line {line:D5} of message {message:D4} .........................................\r\n";

    /// <summary>
    /// The content of seeded message <paramref name="i"/>: a header naming it, and <paramref name="bodyLines"/> lines
    /// of about 64 bytes each, every one of them unique in the mailbox (a fault can be placed at any of them).
    /// </summary>
    public static byte[] MessageContent(int i, int bodyLines)
    {
        var text = new StringBuilder()
            .Append(System.Globalization.CultureInfo.InvariantCulture,
                $"From: Sender {i} <sender{i}@example.org>\r\nTo: {User}@example.org\r\nSubject: Message {i}\r\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture,
                $"Date: Fri, 1 Mar 2024 09:{i % 60:00}:00 +0000\r\nMessage-Id: <fault{i}@example.org>\r\n\r\n");
        for (var line = 1; line <= bodyLines; line++)
        {
            text.Append(BodyLine(i, line));
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Seeds a fresh mailbox of <see cref="User"/> with messages 1..<paramref name="count"/> (UIDs in the same order).</summary>
    public static string SeedMailbox(int count, int bodyLines) => SeedMailbox(Enumerable.Repeat(bodyLines, count).ToArray());

    /// <summary>Seeds a fresh mailbox whose message i+1 has <paramref name="bodyLines"/>[i] body lines.</summary>
    public static string SeedMailbox(int[] bodyLines)
    {
        var name = "F" + Guid.NewGuid().ToString("N")[..12];
        var start = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
        Server.SeedMessages(User, name, bodyLines.Select((lines, i) => new SeedMessage(MessageContent(i + 1, lines), start.AddMinutes(i + 1))));
        return name;
    }

    /// <summary>Awaits the task and returns what it threw (null when it succeeded) and when it ended.</summary>
    public static async Task<(Exception? Error, TimeSpan At)> OutcomeAsync(Task task, Stopwatch clock)
    {
        try
        {
            await task.WaitAsync(Patience);
            return (null, clock.Elapsed);
        }
#pragma warning disable CA1031 // The exception is the value under test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (ex, clock.Elapsed);
        }
    }
}
