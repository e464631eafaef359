using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>Completions matched to their commands by tag, whatever order the server answers in.</summary>
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
    public async Task A_completion_for_a_tag_no_command_carries_breaks_the_connection_naming_the_tag(string stray)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var noop = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");

        await server.SendAsync($"{stray} OK what\r\n");

        var error = await CatchAsync(noop);
        Assert.That(error, Is.InstanceOf<ImapException>(), error?.ToString());
        Assert.That(error!.ToString(), Does.Contain(stray));
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
