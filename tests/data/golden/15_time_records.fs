// options: events
// A run that keeps each event's time (-o heat.html, --flamechart): every update of the map -o
// writes (the first flame-graph map, @) also reserves a record in the fs_events ring buffer
// (time, thread, name, weight, the sample's period, the key) and counts it with its weight
// when the buffer is full; @off's updates send none.
profile hz 99 < @[ustack] = count() >
offcpu min 1ms < @off[kstack] = sum(delta) >
