namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>What the server holds for the soak's mailbox: per sequence number, the UID and the size.</summary>
internal sealed class MailboxTruth
{
    private MailboxTruth(uint[] uids, long[] sizes, string[] subjects)
    {
        Uids = uids;
        Sizes = sizes;
        Subjects = subjects;
        SequenceOf = uids.Select((uid, i) => (uid, seq: (uint)(i + 1))).ToDictionary(x => x.uid, x => x.seq);
    }

    /// <summary>Indexed by sequence number - 1.</summary>
    public uint[] Uids { get; }

    public long[] Sizes { get; }

    public string[] Subjects { get; }

    public Dictionary<uint, uint> SequenceOf { get; }

    public int Count => Uids.Length;

    /// <summary>Reads the UIDs (which the seeding fixed in order) and checks the sizes against the seeded content.</summary>
    public static async Task<MailboxTruth> ReadAsync(ImapConnection imap, int[] bodyLines)
    {
        var all = await imap.FetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Size));
        Assert.That(all.Select(m => m.SequenceNumber), Is.EqualTo(Enumerable.Range(1, bodyLines.Length).Select(i => (uint)i)));
        var sizes = bodyLines.Select((lines, i) => (long)FaultTestKit.MessageContent(i + 1, lines).Length).ToArray();
        Assert.That(all.Select(m => m.Size!.Value), Is.EqualTo(sizes), "the seeded sizes");
        return new MailboxTruth(
            [.. all.Select(m => m.Uid!.Value)], sizes, [.. Enumerable.Range(1, bodyLines.Length).Select(i => $"Message {i}")]);
    }
}

/// <summary>
/// One of the soak's tasks: a seeded random mix of commands, each result checked against the truth. Only this task
/// changes its keyword, so it knows which messages carry it at every moment.
/// </summary>
internal sealed class SoakWorker(ImapConnection imap, MailboxTruth truth, int index, int commands)
{
    private readonly Random _random = new(1000 + index);
    private readonly Dictionary<string, int> _byKind = [];

    public string Keyword { get; } = $"$Soak{index}";

    public HashSet<uint> KeywordOn { get; } = [];

    public int Completed { get; private set; }

    public IReadOnlyDictionary<string, int> ByKind => _byKind;

    public async Task RunAsync()
    {
        for (var i = 0; i < commands; i++)
        {
            var roll = _random.Next(100);
            var kind = roll switch
            {
                < 20 => await NoopAsync(),
                < 45 => await FetchBySequenceAsync(),
                < 65 => await FetchByUidAsync(),
                < 75 => await FetchRangeAsync(),
                < 95 => await ToggleKeywordAsync(),
                _ => await CapabilityAsync(),
            };
            _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
            Completed++;
        }
    }

    private uint RandomSequence() => (uint)_random.Next(1, truth.Count + 1);

    private async Task<string> NoopAsync()
    {
        var ok = await imap.NoopAsync();
        Assert.That(ok.Status, Is.EqualTo(ImapStatus.Ok));
        return "NOOP";
    }

    private async Task<string> CapabilityAsync()
    {
        var capabilities = await imap.CapabilityAsync();
        Assert.That(capabilities.Contains("IMAP4rev1"), Is.True);
        return "CAPABILITY";
    }

    private async Task<string> FetchBySequenceAsync()
    {
        var seq = RandomSequence();
        var result = await imap.FetchAsync(SequenceSet.Single(seq), new FetchRequest(FetchItems.Uid | FetchItems.Envelope | FetchItems.Size));
        var message = Single(result, $"FETCH {seq}");
        Assert.That((message.SequenceNumber, message.Uid, message.Size, message.Envelope!.Subject),
            Is.EqualTo((seq, (uint?)truth.Uids[seq - 1], (long?)truth.Sizes[seq - 1], truth.Subjects[seq - 1])));
        return "FETCH";
    }

    private async Task<string> FetchByUidAsync()
    {
        var seq = RandomSequence();
        var uid = truth.Uids[seq - 1];
        var result = await imap.UidFetchAsync(SequenceSet.Single(uid), new FetchRequest(FetchItems.Flags | FetchItems.Size));
        var message = Single(result, $"UID FETCH {uid}");
        Assert.That((message.SequenceNumber, message.Uid, message.Size), Is.EqualTo((seq, (uint?)uid, (long?)truth.Sizes[seq - 1])));
        Assert.That(message.Flags!.Contains(Keyword), Is.EqualTo(KeywordOn.Contains(uid)), $"{Keyword} on UID {uid}");
        return "UID FETCH";
    }

    private async Task<string> FetchRangeAsync()
    {
        var first = (uint)_random.Next(1, truth.Count - 2);
        var result = await imap.FetchAsync(SequenceSet.Range(first, first + 3), new FetchRequest(FetchItems.Uid | FetchItems.Size));
        Assert.That(result.Select(m => m.SequenceNumber).Order(), Is.EqualTo(Enumerable.Range((int)first, 4).Select(i => (uint)i)), $"FETCH {first}:{first + 3}");
        foreach (var message in result)
        {
            Assert.That((message.Uid, message.Size), Is.EqualTo(((uint?)truth.Uids[message.SequenceNumber - 1], (long?)truth.Sizes[message.SequenceNumber - 1])));
        }

        return "FETCH range";
    }

    private async Task<string> ToggleKeywordAsync()
    {
        var uid = truth.Uids[RandomSequence() - 1];
        var adding = !KeywordOn.Contains(uid);
        var result = await imap.UidStoreAsync(
            SequenceSet.Single(uid), adding ? StoreAction.Add : StoreAction.Remove, new MessageFlags(SystemFlags.None, [Keyword]));
        var message = Single(result, $"UID STORE {uid}");
        Assert.That(message.Uid, Is.EqualTo(uid));
        Assert.That(message.Flags!.Contains(Keyword), Is.EqualTo(adding), $"{Keyword} {(adding ? "added to" : "removed from")} UID {uid}");
        if (adding)
        {
            KeywordOn.Add(uid);
        }
        else
        {
            KeywordOn.Remove(uid);
        }

        return "UID STORE";
    }

    private static FetchedMessage Single(IReadOnlyList<FetchedMessage> result, string what)
    {
        Assert.That(result, Has.Count.EqualTo(1), $"{what}: exactly one message, neither lost nor duplicated nor someone else's");
        return result[0];
    }
}
