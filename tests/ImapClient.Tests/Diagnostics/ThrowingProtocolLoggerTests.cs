using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Diagnostics;

/// <summary>A protocol logger that throws is reported and leaves the command stream intact.</summary>
[TestFixture]
public class ThrowingProtocolLoggerTests
{
    // The defect this guards: a logger that throws leaves a command registered and half of it buffered.
    private sealed class ThrowingLogger : IImapProtocolLogger
    {
        public bool Armed { get; set; }

        public void Log(ImapProtocolLogEntry entry)
        {
            if (Armed && entry.Direction == ImapProtocolDirection.Sent && entry.Text.StartsWith('<'))
            {
                Armed = false;
                throw new NotSupportedException("log sink full");
            }
        }
    }

    [Test]
    public async Task A_throwing_logger_does_not_desynchronise_the_stream()
    {
        await using var server = new ScriptedServer();
        var logger = new ThrowingLogger();
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n",
            new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(3), ProtocolLogger = logger, TimeProvider = new TestClock() });
        var reported = new TaskCompletionSource<Exception>();
        imap.EventHandlerFailed += (_, e) => reported.TrySetResult(e.Exception);
        logger.Armed = true;
        var append = imap.AppendAsync("INBOX", new MemoryStream("hello"u8.ToArray()));
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Is.EqualTo("APPEND INBOX {5+}"));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("hello\r\n"), "the literal's data follows whatever the logger did");
        await server.SendAsync($"{tag} OK appended\r\n");
        await append.WaitAsync(Patience);
        Assert.That(await reported.Task.WaitAsync(Patience), Is.TypeOf<NotSupportedException>());

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
    }
}
