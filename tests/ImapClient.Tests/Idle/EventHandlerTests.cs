using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Idle;

/// <summary>Event handlers run off the reader loop: they may issue commands, and their failures do not break the connection.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class EventHandlerTests(Delivery delivery)
{
    [Test]
    public async Task A_MailboxSizeChanged_handler_that_issues_a_NOOP_gets_its_answer()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var handlerCommand = new TaskCompletionSource<Task<ImapStatusResponse>>(TaskCreationOptions.RunContinuationsAsynchronously);
        imap.MailboxSizeChanged += (_, e) =>
        {
            if (e.Exists == 21)
            {
                handlerCommand.TrySetResult(imap.NoopAsync());
            }
        };

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync("* 21 EXISTS\r\n");

        // The handler's NOOP goes out while the first NOOP is still in flight.
        var handlerTag = await server.ExpectCommandAsync("NOOP");
        Assert.That(handlerTag, Is.Not.EqualTo(tag));
        await server.SendAsync($"{handlerTag} OK handler NOOP completed\r\n");
        var fromHandler = await handlerCommand.Task.WaitAsync(Patience);
        Assert.That((await fromHandler.WaitAsync(Patience)).Text, Is.EqualTo("handler NOOP completed"));

        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
    }

    [Test]
    public async Task A_handler_that_awaits_a_command_blocking_its_thread_does_not_stall_the_reader()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var handlerDone = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        imap.MailboxSizeChanged += (_, _) =>
        {
            // The worst habit: block the event thread on a command of the same connection.
            var text = imap.NoopAsync().WaitAsync(Patience).GetAwaiter().GetResult().Text;
            handlerDone.TrySetResult(text);
        };

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 21 EXISTS\r\n{tag} OK first\r\n");
        await noop.WaitAsync(Patience);
        var handlerTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{handlerTag} OK from the handler\r\n");

        Assert.That(await handlerDone.Task.WaitAsync(Patience), Is.EqualTo("from the handler"));
    }

    [Test]
    public async Task A_handler_that_throws_is_reported_and_the_connection_keeps_working()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var failures = new EventQueue<EventHandlerFailedEventArgs>();
        imap.EventHandlerFailed += failures.Handler;
        imap.MailboxSizeChanged += (_, e) => throw new InvalidOperationException($"handler broke at {e.Exists}");

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 21 EXISTS\r\n{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        var failure = await failures.NextAsync();
        Assert.That(failure.Exception, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("handler broke at 21"));

        // Later commands and later events still work.
        noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 22 EXISTS\r\n{tag} OK again\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("again"));
        Assert.That((await failures.NextAsync()).Exception.Message, Is.EqualTo("handler broke at 22"));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(22));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
    }

    [Test]
    public async Task An_EventHandlerFailed_handler_that_throws_does_not_stop_later_events()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var sizes = new EventQueue<MailboxSizeChangedEventArgs>();
        imap.EventHandlerFailed += (_, _) => throw new InvalidOperationException("the failure handler broke too");
        imap.MailboxSizeChanged += (_, e) =>
        {
            if (e.Exists == 21)
            {
                throw new InvalidOperationException("handler broke");
            }
        };
        imap.MailboxSizeChanged += sizes.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 21 EXISTS\r\n* 22 EXISTS\r\n{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        Assert.That((await sizes.NextAsync()).Exists, Is.EqualTo(22));
    }
}
