namespace ImapClient.Tests.Model;

public class SequenceSetTests
{
    [TestCase("1", "1")]
    [TestCase("1:5", "1:5")]
    [TestCase("5:1", "1:5")]
    [TestCase("1:5,7,10:*", "1:5,7,10:*")]
    [TestCase("*", "*")]
    public void Parse_and_format_round_trip(string text, string expected) =>
        Assert.That(SequenceSet.Parse(text).ToString(), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("0")]
    [TestCase("1:x")]
    [TestCase("1 2")]
    [TestCase("1\r\n")]
    public void Parse_rejects_what_is_not_a_sequence_set(string text) =>
        Assert.That(() => SequenceSet.Parse(text), Throws.TypeOf<FormatException>());

    [Test]
    public void Of_joins_adjacent_numbers_into_ranges() =>
        Assert.That(SequenceSet.Of([7, 1, 2, 3, 5, 6, 3]).ToString(), Is.EqualTo("1:3,5:7"));

    [Test]
    public void Contains_treats_star_as_unbounded()
    {
        var set = SequenceSet.Parse("2:4,10:*");
        Assert.That(new uint[] { 1, 2, 4, 5, 9, 10, 4_000_000_000 }.Select(set.Contains),
            Is.EqualTo(new[] { false, true, true, false, false, true, true }));
    }

    [Test]
    public void Zero_is_not_a_message_number() =>
        Assert.That(() => SequenceSet.Single(0), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Of_no_numbers_is_the_empty_set()
    {
        var set = SequenceSet.Of([]);
        Assert.That((set.IsEmpty, set.Ranges.Count, set.ToString(), set.Contains(1), set.Count), Is.EqualTo((true, 0, "", false, 0L)));
        Assert.That(set, Is.SameAs(SequenceSet.Empty));
        Assert.That(SequenceSet.Of([3]).IsEmpty, Is.False);
        Assert.That(SequenceSet.Empty.MayOverlap(SequenceSet.All), Is.False, "nothing to wait for");
    }
}
