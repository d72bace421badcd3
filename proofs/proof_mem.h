/* Included before every file of a proof (cpp -include): the array the
 * harness puts its input in. eva-splits.patch partitions EVA's states by
 * offsets into it, so each state knows where the reader is. */
extern unsigned char proof_mem[];
