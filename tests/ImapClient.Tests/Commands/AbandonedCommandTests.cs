using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>A command whose caller cancelled and that the server later fails leaves no unobserved task exception.</summary>
[TestFixture]
public class AbandonedCommandTests
{
    // The defect this guards: a command whose caller gave up and that later fails is an unobserved task exception.
    [Test]
    public async Task A_cancelled_command_that_later_fails_is_not_an_unobserved_exception()
    {
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, e) => { if (e.Exception.InnerException is ImapCommandException) { Interlocked.Increment(ref unobserved); } };
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            await using var server = new ScriptedServer();
            await using var imap = await ConnectSelectedAsync(server);
            await RunAndAbandonAsync(server, imap);
            for (var i = 0; i < 5 && unobserved == 0; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(50);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= handler;
        }

        Assert.That(unobserved, Is.Zero);
    }

    private static async Task RunAndAbandonAsync(ScriptedServer server, ImapConnection imap)
    {
        using var cts = new CancellationTokenSource();
        var noop = imap.NoopAsync(cts.Token);
        var tag = await server.ExpectCommandAsync("NOOP");
        await cts.CancelAsync();
        await CatchAsync(noop);
        await server.SendAsync($"{tag} NO later\r\n");
        await Task.Delay(100);
        var noop2 = imap.NoopAsync();
        var tag2 = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag2} OK\r\n");
        await noop2;
    }
}
