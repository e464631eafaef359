using System.Text.Json;
using System.Text.Json.Serialization;
using ImapClient.Sync;

namespace ImapClient.Tests.Sync;

/// <summary>
/// A <see cref="MailboxSyncState"/> is meant to be stored between runs: it and the <see cref="MessageFlags"/> in it
/// round-trip through System.Text.Json with default options, with a naming policy, and with a source-generated context
/// (what a trimmed or native AOT app uses).
/// </summary>
public class SyncStateJsonTests
{
    private static MailboxSyncState Sample() => new(1_700_000_001, 42, new Dictionary<uint, MessageFlags>
    {
        [1] = MessageFlags.Empty,
        [7] = new MessageFlags(SystemFlags.Seen | SystemFlags.Flagged, [MessageKeywords.Forwarded, "$Label1"]),
        [4_000_000_000] = new MessageFlags(SystemFlags.Answered | SystemFlags.Draft | SystemFlags.Deleted),
    });

    public static IEnumerable<TestCaseData> Serializers()
    {
        yield return new TestCaseData(
            (Func<MailboxSyncState, string>)(s => JsonSerializer.Serialize(s)),
            (Func<string, MailboxSyncState?>)(j => JsonSerializer.Deserialize<MailboxSyncState>(j))).SetArgDisplayNames("default options");
        var camel = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        yield return new TestCaseData(
            (Func<MailboxSyncState, string>)(s => JsonSerializer.Serialize(s, camel)),
            (Func<string, MailboxSyncState?>)(j => JsonSerializer.Deserialize<MailboxSyncState>(j, camel))).SetArgDisplayNames("web defaults (camelCase)");
        yield return new TestCaseData(
            (Func<MailboxSyncState, string>)(s => JsonSerializer.Serialize(s, SyncStateJson.Default.MailboxSyncState)),
            (Func<string, MailboxSyncState?>)(j => JsonSerializer.Deserialize(j, SyncStateJson.Default.MailboxSyncState))).SetArgDisplayNames("source-generated context");
    }

    [TestCaseSource(nameof(Serializers))]
    public void A_sync_state_round_trips(Func<MailboxSyncState, string> serialize, Func<string, MailboxSyncState?> deserialize)
    {
        var state = Sample();

        var json = serialize(state);
        var back = deserialize(json)!;

        TestContext.Out.WriteLine(json);
        Assert.That(back.UidValidity, Is.EqualTo(state.UidValidity));
        Assert.That(back.HighestModSeq, Is.EqualTo(42));
        Assert.That(back.Messages, Is.EquivalentTo(state.Messages));
        Assert.That(back.Messages[7].Keywords, Is.EqualTo(new[] { "$Forwarded", "$Label1" }));
    }

    [TestCaseSource(nameof(Serializers))]
    public void A_state_without_HIGHESTMODSEQ_or_messages_round_trips(Func<MailboxSyncState, string> serialize, Func<string, MailboxSyncState?> deserialize)
    {
        var back = deserialize(serialize(new MailboxSyncState(5, null, new Dictionary<uint, MessageFlags>())))!;

        Assert.That((back.UidValidity, back.HighestModSeq, back.Messages.Count), Is.EqualTo((5u, (ulong?)null, 0)));
    }

    [Test]
    public void The_JSON_names_system_flags_and_keeps_keywords_as_the_server_sent_them()
    {
        var json = JsonSerializer.Serialize(new MailboxSyncState(3, 9, new Dictionary<uint, MessageFlags>
        {
            [2] = new MessageFlags(SystemFlags.Flagged | SystemFlags.Seen, ["$Forwarded"]),
        }));

        Assert.That(json, Is.EqualTo("""{"UidValidity":3,"HighestModSeq":9,"Messages":{"2":{"System":"Flagged, Seen","Keywords":["$Forwarded"],"AllowsNewKeywords":false}}}"""));
    }

    /// <summary>
    /// Flags as a server sent them need not be keywords a client may send (here a bracket, and <c>\*</c> from
    /// PERMANENTFLAGS); they must still come back from storage. Writing such a keyword in a command stays refused.
    /// </summary>
    [Test]
    public void Flags_a_client_could_not_send_still_round_trip()
    {
        var flags = new MessageFlags(SystemFlags.Seen, ["[Gmail]Label", "\\Important"], allowsNewKeywords: true);

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(flags, SyncStateJson.Default.MessageFlags), SyncStateJson.Default.MessageFlags)!;

        Assert.That(back, Is.EqualTo(flags));
        Assert.That((back.AllowsNewKeywords, back.Keywords), Is.EqualTo((true, new[] { "[Gmail]Label", "\\Important" })));
        Assert.That(() => new MessageFlags(SystemFlags.None, ["[Gmail]Label"]), Throws.ArgumentException);
    }

    [Test]
    public void Duplicate_keywords_in_stored_JSON_are_read_once()
    {
        var back = JsonSerializer.Deserialize<MessageFlags>("""{"System":"Seen","Keywords":["$Junk","$junk"],"AllowsNewKeywords":false}""")!;

        Assert.That(back.Keywords, Is.EqualTo(new[] { "$Junk" }));
        Assert.That(back.System, Is.EqualTo(SystemFlags.Seen));
    }
}

/// <summary>The context a trimmed or native AOT app declares to store the synchronizer's state.</summary>
[JsonSerializable(typeof(MailboxSyncState))]
[JsonSerializable(typeof(MessageFlags))]
internal sealed partial class SyncStateJson : JsonSerializerContext;
