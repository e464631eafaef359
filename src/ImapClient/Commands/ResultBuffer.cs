using System.Buffers;

namespace ImapClient.Commands;

/// <summary>
/// Collects a command's results in pooled arrays while they arrive and hands the caller one array of exactly their
/// number: a LIST of thousands leaves no trail of outgrown arrays behind. Used on the reader loop only.
/// </summary>
internal struct ResultBuffer<T>
    where T : class
{
    private T[]? _items;
    private int _count;

    public readonly ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    public void Add(T item)
    {
        if (_items is null || _count == _items.Length)
        {
            Grow();
        }

        _items![_count++] = item;
    }

    /// <summary>The results in an array of their own; the pooled array goes back to the pool.</summary>
    public T[] Drain()
    {
        var result = Items.ToArray();
        if (_items is not null)
        {
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
            _items = null;
        }

        _count = 0;
        return result;
    }

    private void Grow()
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(16, _count * 2));
        if (_items is not null)
        {
            Items.CopyTo(bigger);
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
        }

        _items = bigger;
    }
}
