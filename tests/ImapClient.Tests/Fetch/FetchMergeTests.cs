using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>Servers may send one message's data in several FETCH responses, in any order: one result per message.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class FetchMergeTests(Delivery delivery)
{
    [Test]
    public async Task Data_for_a_message_sent_again_after_others_is_merged_into_its_first_result()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 3), new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("FETCH 1:3 (UID FLAGS)");
        await server.SendAsync("* 2 FETCH (UID 12)\r\n* 1 FETCH (UID 11 FLAGS ())\r\n* 2 FETCH (FLAGS (\\Seen))\r\n" +
                               "* 3 FETCH (UID 13 FLAGS (\\Draft))\r\n* 1 FETCH (FLAGS (\\Flagged))\r\n" + $"{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);

        Assert.That(messages.Select(m => (m.SequenceNumber, m.Uid, m.Flags!.System)), Is.EqualTo(new[]
        {
            (2u, (uint?)12, SystemFlags.Seen),
            (1u, (uint?)11, SystemFlags.Flagged),
            (3u, (uint?)13, SystemFlags.Draft),
        }));
    }
}
