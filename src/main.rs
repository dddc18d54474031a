fn main() {
    println!("shangyun: coming soon");
}
