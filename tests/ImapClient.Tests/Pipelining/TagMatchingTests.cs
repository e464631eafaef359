using ImapClient.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using ImapClient.Protocol;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Pipelining;

/// <summary>
/// Completions matched to their commands by tag, whatever order the server answers in; a completion for a tag no
/// command carries is reported and the connection goes on.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class TagMatchingTests(Delivery delivery)
{
    [Test]
    public async Task Pipelined_commands_answered_out_of_order_each_get_their_own_completion_and_tag()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var first = imap.NoopAsync();
        var firstTag = await server.ExpectCommandAsync("NOOP");
        var second = imap.NoopAsync();
        var secondTag = await server.ExpectCommandAsync("NOOP");

        await server.SendAsync($"{secondTag} OK second\r\n{firstTag} OK first\r\n");

        var (a, b) = (await first.WaitAsync(Patience), await second.WaitAsync(Patience));
        Assert.That((a.Tag, a.Text, b.Tag, b.Text), Is.EqualTo((firstTag, "first", secondTag, "second")));
    }

    [TestCase("ZZZ1")]
    [TestCase("LONGERTHAN8")]
    public async Task A_completion_for_a_tag_never_sent_is_an_event_and_a_warning_and_the_connection_goes_on(string stray)
    {
        await using var server = new ScriptedServer(delivery);
        var log = new ListLoggerFactory();
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(10), LoggerFactory = log });
        var unexpected = new EventQueue<UnexpectedCompletionEventArgs>();
        imap.UnexpectedCompletion += unexpected.Handler;
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");

        await server.SendAsync($"{stray} OK what\r\n{tag} OK NOOP completed\r\n");

        var ok = await noop.WaitAsync(Patience);
        var args = await unexpected.NextAsync();
        Assert.That((ok.Tag, ok.Text), Is.EqualTo((tag, "NOOP completed")));
        Assert.That(args.Tag, Is.EqualTo(stray));
        Assert.That(args.Response, Is.TypeOf<ImapStatusResponse>());
        Assert.That(((ImapStatusResponse)args.Response).Text, Is.EqualTo("what"));
        var warning = log.Entries.Single(e => e.Id == 402);
        Assert.That((warning.Level, warning.Message), Is.EqualTo((LogLevel.Warning,
            $"The server completed tag {stray}, which no command in flight carries; ignored: {args.Response}")));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task A_second_completion_of_a_finished_command_and_an_unparsable_stray_one_are_events_too()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var unexpected = new EventQueue<UnexpectedCompletionEventArgs>();
        imap.UnexpectedCompletion += unexpected.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK first\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("first"));
        await server.SendAsync($"{tag} OK again\r\nZZZ2 HUH broken\r\n");

        var twice = await unexpected.NextAsync();
        Assert.That((twice.Tag, ((ImapStatusResponse)twice.Response).Text), Is.EqualTo((tag, "again")));
        var broken = await unexpected.NextAsync();
        Assert.That(broken.Tag, Is.EqualTo("ZZZ2"));
        Assert.That(broken.Response, Is.TypeOf<ImapUnparsableResponse>());

        var check = imap.CheckAsync();
        tag = await server.ExpectCommandAsync("CHECK");
        await server.SendAsync($"{tag} OK CHECK completed\r\n");
        await check.WaitAsync(Patience);
    }

    [Test]
    public async Task The_late_completion_of_a_command_cancelled_after_it_was_sent_is_not_unexpected()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var unexpected = new EventQueue<UnexpectedCompletionEventArgs>();
        imap.UnexpectedCompletion += unexpected.Handler;
        using var cancel = new CancellationTokenSource();

        var fetch = imap.UidFetchAsync(SequenceSet.Single(7), new FetchRequest(FetchItems.Flags), cancel.Token);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 FLAGS");
        await cancel.CancelAsync();
        Assert.That(await CatchAsync(fetch), Is.InstanceOf<OperationCanceledException>());

        // The cancelled command stays registered: its completion is its own, consumed quietly, not a stray tag.
        await server.SendAsync($"* 3 FETCH (UID 7 FLAGS (\\Seen))\r\n{tag} OK late\r\n");
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        Assert.That(unexpected.Drain(), Is.Empty);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
    }

    [TestCase("A0001")]
    [TestCase("x")]
    [TestCase("ABCDEFGH")]
    public void A_tag_of_up_to_8_bytes_packs_and_unpacks(string tag)
    {
        Assert.That(TagKey.TryPack(System.Text.Encoding.ASCII.GetBytes(tag), out var key), Is.True);
        Assert.That((key, TagKey.Pack(tag), TagKey.Unpack(key)), Is.EqualTo((key, key, tag)));
        Assert.That(key, Is.Not.Zero);
    }

    [Test]
    public void A_longer_tag_does_not_pack_and_tags_differing_in_one_byte_differ()
    {
        Assert.That(TagKey.TryPack("ABCDEFGHI"u8, out _), Is.False);
        Assert.That(TagKey.Pack("ABCDEFGHI"), Is.Zero);
        Assert.That(TagKey.Pack("A0001"), Is.Not.EqualTo(TagKey.Pack("A0002")).And.Not.EqualTo(TagKey.Pack("A00010")));
    }
}
