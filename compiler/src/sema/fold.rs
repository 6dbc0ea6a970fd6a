//! Constant folding: the value of an operator whose operands are all numbers known to the
//! checker (`2 - 2`, `1 << 10`, `-5`), computed exactly as the BPF instructions would compute
//! it at run time (unsigned 64-bit words, wrapping subtraction and negation, unsigned
//! comparisons), so folding never changes a script's meaning; it lets the checker see a
//! divisor or shift that is constant, and refuse what the kernel would refuse.
//!
//! Addition and multiplication that overflow 64 bits are refused (`None`) rather than
//! wrapped: a constant that large is a mistake, as a literal that large is. Subtraction wraps,
//! as it does at run time (signed values are a separate matter). Division and remainder by
//! zero and shifts of 64 bits or more never reach here: `expr` refuses them first.

use crate::syntax::ast::{BinOp, UnOp};

/// `x op y`; `None` when the result does not fit in 64 bits.
pub(super) fn binary(op: BinOp, x: u64, y: u64) -> Option<u64> {
    let flag = |b: bool| Some(u64::from(b));
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => Some(x.wrapping_sub(y)),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => x.checked_div(y),
        BinOp::Mod => x.checked_rem(y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        BinOp::BitAnd => Some(x & y),
        BinOp::Shl => x.checked_shl(u32::try_from(y).ok()?),
        BinOp::Shr => x.checked_shr(u32::try_from(y).ok()?),
        BinOp::Eq => flag(x == y),
        BinOp::Ne => flag(x != y),
        BinOp::Lt => flag(x < y),
        BinOp::Le => flag(x <= y),
        BinOp::Gt => flag(x > y),
        BinOp::Ge => flag(x >= y),
        BinOp::And => flag(x != 0 && y != 0),
        BinOp::Or => flag(x != 0 || y != 0),
    }
}

/// `op x`.
pub(super) fn unary(op: UnOp, x: u64) -> u64 {
    match op {
        UnOp::Neg => x.wrapping_neg(),
        UnOp::Not => u64::from(x == 0),
        UnOp::BitNot => !x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_as_bpf_computes() {
        assert_eq!(binary(BinOp::Sub, 2, 2), Some(0));
        assert_eq!(binary(BinOp::Sub, 0, 5), Some(5u64.wrapping_neg()));
        assert_eq!(binary(BinOp::Shl, 1, 63), Some(1 << 63));
        assert_eq!(binary(BinOp::Mul, 1 << 32, 1 << 32), None);
        assert_eq!(binary(BinOp::Add, u64::MAX, 1), None);
        assert_eq!(
            binary(BinOp::Lt, 0u64.wrapping_sub(1), 1),
            Some(0),
            "unsigned"
        );
        assert_eq!(binary(BinOp::Or, 0, 7), Some(1));
        assert_eq!(unary(UnOp::Neg, 5), 5u64.wrapping_neg());
        assert_eq!(unary(UnOp::Not, 3), 0);
    }
}
